// Prophasis graphs. Each <div data-chart="ID"> is drawn from the JSON in
// <script type="application/json" id="ID">, written by the server with
// encoding/json and escaped by html/template. Everything in that JSON is
// data: names and units are drawn on a canvas and tooltips use echarts'
// rich-text mode, so no text from an agent or user is ever parsed as HTML
// or run as code.
(function () {
  "use strict";

  var bandColours = {
    unknown: "rgba(108,117,125,0.18)", degraded: "rgba(13,202,240,0.18)",
    minor: "rgba(255,193,7,0.28)", major: "rgba(253,126,20,0.28)", critical: "rgba(220,53,69,0.28)"
  };
  var severity = { no_data: 0, ok: 1, unknown: 2, degraded: 3, minor: 4, major: 5, critical: 6 };
  var stateNames = ["no data", "ok", "unknown", "degraded", "minor", "major", "critical"];
  var palette = ["#0d6efd", "#6f42c1", "#198754", "#fd7e14", "#20c997", "#d63384", "#6c757d", "#0dcaf0"];

  function pairs(times, values) {
    return times.map(function (t, i) { return [t, values[i]]; });
  }

  // markArea shading every band that is not plain ok, coloured by state.
  function markArea(bands) {
    var data = (bands || []).filter(function (b) { return bandColours[b.state]; }).map(function (b) {
      return [{ xAxis: b.from, name: b.state, itemStyle: { color: bandColours[b.state] } }, { xAxis: b.to }];
    });
    return { silent: true, label: { show: false }, data: data };
  }

  // lineSeries: the avg line, plus on rolled-up tiers a min-max band drawn
  // as an invisible min line with the max-min difference stacked on it.
  function lineSeries(line, i, d) {
    var colour = palette[i % palette.length];
    var out = [];
    if (d.spans && d.lines.length === 1) {
      var spread = line.max.map(function (hi, j) { var lo = line.min[j]; return hi === null || lo === null ? null : hi - lo; });
      out.push({ type: "line", name: "min", data: pairs(line.times, line.min), stack: "band" + i, symbol: "none",
        lineStyle: { opacity: 0 }, tooltip: { show: false } });
      out.push({ type: "line", name: "min–max", data: pairs(line.times, spread), stack: "band" + i, symbol: "none",
        lineStyle: { opacity: 0 }, areaStyle: { color: colour, opacity: 0.15 }, tooltip: { show: false } });
    }
    out.push({ type: "line", name: line.name, data: pairs(line.times, line.avg), symbol: "none", showSymbol: false,
      lineStyle: { width: 1.5, color: colour }, itemStyle: { color: colour }, connectNulls: false });
    return out;
  }

  // stateSeries draws a non-numeric plugin as a step line of its state.
  function stateSeries(d) {
    var data = [];
    (d.bands || []).forEach(function (b) { data.push([b.from, severity[b.state]], [b.to, severity[b.state]]); });
    return [{ type: "line", name: d.title, step: "end", data: data, symbol: "none" }];
  }

  function option(d) {
    var series = [];
    if (d.kind === "state" || d.kind === "messages") {
      series = stateSeries(d);
    } else {
      d.lines.forEach(function (l, i) { series = series.concat(lineSeries(l, i, d)); });
    }
    if (series.length === 0) {
      series.push({ type: "line", name: d.title, data: [] });
    }
    series[series.length - 1].markArea = markArea(d.bands);
    var stateAxis = d.kind === "state" || d.kind === "messages";
    return {
      animation: false,
      grid: { left: 72, right: 16, top: d.lines.length > 1 ? 56 : 24, bottom: 64 },
      legend: { show: d.lines.length > 1, type: "scroll", top: 0 },
      tooltip: { trigger: "axis", renderMode: "richText" },
      xAxis: { type: "time", min: d.from, max: d.to },
      yAxis: stateAxis
        ? { type: "value", min: 0, max: 6, interval: 1, axisLabel: { formatter: function (v) { return stateNames[v] || ""; } } }
        : { type: "value", name: d.unit, min: d.min === null ? undefined : d.min, max: d.max === null ? undefined : d.max, scale: d.min === null },
      dataZoom: [{ type: "inside", filterMode: "none" }, { type: "slider", filterMode: "none", height: 20, bottom: 8 }],
      series: series
    };
  }

  function init() {
    if (!window.echarts) { return; }
    var charts = [];
    document.querySelectorAll("[data-chart]").forEach(function (el) {
      var src = document.getElementById(el.dataset.chart);
      if (!src) { return; }
      el.style.height = el.dataset.height || "280px";
      var chart = window.echarts.init(el, null, { renderer: "canvas" });
      chart.setOption(option(JSON.parse(src.textContent)));
      charts.push(chart);
    });
    window.addEventListener("resize", function () { charts.forEach(function (c) { c.resize(); }); });
  }

  document.addEventListener("DOMContentLoaded", init);
})();
