// Prophasis graphs. Each <div data-chart="ID"> is drawn from the JSON in
// <script type="application/json" id="ID">: an echarts option built on the
// server with go-echarts, written with encoding/json and escaped by
// html/template. It is data only: names and units are drawn on a canvas,
// tooltips use echarts' rich-text mode, and the one formatter a graph may
// need lives here, chosen by a fixed flag, never by text from the server.
(function () {
  "use strict";

  var stateNames = ["no data", "ok", "unknown", "degraded", "minor", "major", "critical"];

  // stateLabel names a severity on a state timeline's y axis.
  function stateLabel(v) {
    return stateNames[v] || "";
  }

  function draw(el, d) {
    if (d.stateAxis) {
      d.option.yAxis.forEach(function (y) { y.axisLabel = { formatter: stateLabel }; });
    }
    el.style.height = el.dataset.height || "280px";
    var chart = window.echarts.init(el, null, { renderer: d.svg ? "svg" : "canvas" });
    chart.setOption(d.option);
    return chart;
  }

  function init() {
    if (!window.echarts) { return; }
    var charts = [];
    document.querySelectorAll("[data-chart]").forEach(function (el) {
      var src = document.getElementById(el.dataset.chart);
      if (src) { charts.push(draw(el, JSON.parse(src.textContent))); }
    });
    window.addEventListener("resize", function () { charts.forEach(function (c) { c.resize(); }); });
  }

  document.addEventListener("DOMContentLoaded", init);
})();
