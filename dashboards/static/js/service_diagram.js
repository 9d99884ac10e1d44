// Service editor: redraws the dependency diagram as boxes are ticked and
// names typed. The diagram's option comes from the server (see
// newServiceDiagram); this only replaces its data with what the form says,
// in the same shape: labels are the form's own label text, drawn by echarts
// as text, never as HTML.
(function () {
  "use strict";

  // labelMax is diagramLabelMax: longer names are cut, as on the server.
  var labelMax = 32;

  function node(name, children) {
    var chars = Array.from(name);
    if (chars.length > labelMax) { name = chars.slice(0, labelMax - 1).join("") + "…"; }
    var n = { name: name, symbol: "circle", symbolSize: 12 };
    if (children && children.length) { n.children = children; }
    return n;
  }

  function labelOf(form, input) {
    var l = form.querySelector('label[for="' + input.id + '"]');
    return l ? l.textContent : "";
  }

  // members lists the ticked hosts, then the ticked host groups.
  function members(form, hosts, groups) {
    var out = [];
    form.querySelectorAll('input[name="' + hosts + '"]:checked').forEach(function (i) {
      out.push(node(labelOf(form, i)));
    });
    form.querySelectorAll('input[name="' + groups + '"]:checked').forEach(function (i) {
      out.push(node("group " + labelOf(form, i)));
    });
    return out;
  }

  // tree is what saving the form would store, as serviceFields reads it: a
  // redundancy card left blank or marked for removal is not there.
  function tree(form) {
    var children = members(form, "hosts", "groups");
    form.querySelectorAll(".redundancy-card").forEach(function (card) {
      var i = card.id.replace("rg-", "");
      var name = (form.elements["rg-name-" + i] || {}).value || "";
      var removed = form.elements["rg-remove-" + i] && form.elements["rg-remove-" + i].checked;
      var m = members(form, "rg-hosts-" + i, "rg-groups-" + i);
      name = name.trim();
      if (removed || (name === "" && m.length === 0)) { return; }
      children.push(node("one of: " + name, m));
    });
    return node(form.elements.name.value.trim(), children);
  }

  function leaves(n) {
    if (!n.children) { return 1; }
    return n.children.reduce(function (sum, c) { return sum + leaves(c); }, 0);
  }

  document.addEventListener("DOMContentLoaded", function () {
    var form = document.getElementById("service-form");
    var el = document.getElementById("service-diagram");
    if (!form || !el || !window.echarts) { return; }
    var chart = window.echarts.getInstanceByDom(el);
    var src = document.getElementById(el.dataset.chart);
    if (!chart || !src) { return; }
    function redraw() {
      // Drawn afresh from the whole option: echarts' tree fails to remove
      // the edges of nodes an update drops, merged or not.
      var option = JSON.parse(src.textContent).option;
      var t = tree(form);
      option.series[0].data = [t];
      el.style.height = Math.max(120, 32 * leaves(t)) + "px";
      chart.clear();
      chart.resize();
      chart.setOption(option);
    }
    form.addEventListener("change", redraw);
    form.addEventListener("input", redraw);
  });
})();
