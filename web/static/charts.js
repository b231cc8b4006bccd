// Draws the ECharts charts of a page: each .chart names the JSON block
// holding its option (data-option).
(function () {
  "use strict";
  if (!window.echarts) return;
  var charts = [];
  document.querySelectorAll(".chart[data-option]").forEach(function (el) {
    var data = document.getElementById(el.getAttribute("data-option"));
    if (!data) return;
    var option;
    try { option = JSON.parse(data.textContent); } catch (e) { return; }
    option.animation = false;
    option.textStyle = { fontFamily: '"Noto Sans CJK SC", "WenQuanYi Micro Hei", "Microsoft YaHei", sans-serif' };
    option.color = ["#a61b1b", "#1d4f91", "#d68a00", "#2e7d32", "#6a4c93"];
    var c = echarts.init(el, null, { renderer: "canvas" });
    c.setOption(option);
    el.setAttribute("data-ready", "1");
    charts.push(c);
  });
  window.addEventListener("resize", function () { charts.forEach(function (c) { c.resize(); }); });
})();
