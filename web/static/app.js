// gongkai web: small progressive enhancements. Every page works without it.
(function () {
  "use strict";

  // Confirm before destructive forms (data-confirm).
  document.querySelectorAll("form[data-confirm]").forEach(function (f) {
    f.addEventListener("submit", function (e) {
      if (!window.confirm(f.getAttribute("data-confirm"))) e.preventDefault();
    });
  });

  // Findings filter: apply on change.
  var filter = document.getElementById("finding-filter");
  if (filter) {
    filter.querySelectorAll("select").forEach(function (s) {
      s.addEventListener("change", function () { filter.submit(); });
    });
  }

  // Document panel tabs.
  function showPane(name) {
    document.querySelectorAll(".doctabs button").forEach(function (b) {
      b.classList.toggle("on", b.getAttribute("data-tab") === name);
    });
    document.querySelectorAll(".docpane").forEach(function (p) {
      p.hidden = p.getAttribute("data-pane") !== name;
    });
  }
  document.querySelectorAll(".doctabs button").forEach(function (b) {
    b.addEventListener("click", function () { showPane(b.getAttribute("data-tab")); });
  });

  // Click a finding: show and highlight the source line and the table rows read from it.
  function highlight(id, scroll, cell) {
    document.querySelectorAll(".hl").forEach(function (el) { el.classList.remove("hl"); });
    var line = document.getElementById(id);
    if (!line) return false;
    line.classList.add("hl");
    document.querySelectorAll('[data-line="' + id + '"]').forEach(function (el) { el.classList.add("hl"); });
    if (cell) {
      document.querySelectorAll("td[data-cell]").forEach(function (el) {
        if (el.getAttribute("data-cell") === cell) el.classList.add("hl");
      });
    }
    if (scroll) {
      showPane("src");
      line.scrollIntoView({ block: "center" });
    }
    return true;
  }
  document.querySelectorAll("a.goto").forEach(function (a) {
    a.addEventListener("click", function (e) {
      var id = a.getAttribute("data-target");
      if (highlight(id, true, a.getAttribute("data-cell"))) {
        e.preventDefault();
        history.replaceState(null, "", "#" + id);
        document.querySelectorAll(".finding.active").forEach(function (f) { f.classList.remove("active"); });
        var li = a.closest(".finding");
        if (li) li.classList.add("active");
      }
    });
  });
  if (location.hash.indexOf("#L-") === 0) highlight(location.hash.slice(1), true);

  // Upload forms: show the transfer progress, then go where the server says.
  document.querySelectorAll("form[data-progress]").forEach(function (form) {
    form.addEventListener("submit", function (e) {
      if (!window.FormData || !window.XMLHttpRequest) return;
      e.preventDefault();
      var box = document.getElementById(form.getAttribute("data-progress"));
      var bar = box.querySelector("progress"), text = box.querySelector(".ptext");
      box.hidden = false;
      form.querySelectorAll("button").forEach(function (b) { b.disabled = true; });
      var xhr = new XMLHttpRequest();
      xhr.open("POST", form.action);
      xhr.upload.onprogress = function (ev) {
        if (!ev.lengthComputable) return;
        var p = Math.round(ev.loaded * 100 / ev.total);
        bar.value = p;
        text.textContent = p < 100 ? "正在上传… " + p + "%" : "上传完成，正在识别和检查…";
      };
      xhr.onload = function () {
        if (xhr.status < 400 && xhr.responseURL && xhr.responseURL !== form.action) {
          location.href = xhr.responseURL;
          return;
        }
        document.open();
        document.write(xhr.responseText);
        document.close();
      };
      xhr.onerror = function () {
        text.textContent = "上传失败：网络连接中断，请重试。";
        form.querySelectorAll("button").forEach(function (b) { b.disabled = false; });
      };
      xhr.send(new FormData(form));
    });
  });

  // Batch page: follow the progress until the batch ends.
  var batch = document.getElementById("batch");
  if (batch && batch.getAttribute("data-status") === "running") {
    var id = batch.getAttribute("data-batch");
    var poll = function () {
      fetch("/api/v1/batches/" + id, { credentials: "same-origin" }).then(function (r) { return r.json(); }).then(function (b) {
        var bar = document.getElementById("batch-progress");
        bar.max = b.total; bar.value = b.done + b.failed;
        document.getElementById("batch-text").textContent =
          "已检查 " + b.done + " 个，无法读取 " + b.failed + " 个，共 " + b.total + " 个（" + b.percent + "%）";
        if (b.status !== "running") location.reload();
        else setTimeout(poll, 800);
      }).catch(function () { setTimeout(poll, 2000); });
    };
    setTimeout(poll, 500);
  }

  // The rendered disclosure: grow its frame to its content.
  var frame = document.getElementById("rendered");
  if (frame) {
    frame.addEventListener("load", function () {
      try {
        var d = frame.contentDocument;
        if (d) frame.style.height = (d.documentElement.scrollHeight + 20) + "px";
      } catch (e) { /* not same-origin: keep the default height */ }
    });
  }

  // Sortable tables: click a header with data-sort; cells carry data-v.
  document.querySelectorAll("table.sortable").forEach(function (table) {
    var heads = table.querySelectorAll("thead th");
    heads.forEach(function (th, col) {
      if (!th.hasAttribute("data-sort")) return;
      th.addEventListener("click", function () {
        var desc = !th.classList.contains("desc");
        heads.forEach(function (h) { h.classList.remove("asc", "desc"); });
        th.classList.add(desc ? "desc" : "asc");
        var body = table.tBodies[0];
        var rows = Array.prototype.slice.call(body.rows);
        rows.sort(function (a, b) {
          var x = a.cells[col].getAttribute("data-v") || a.cells[col].textContent;
          var y = b.cells[col].getAttribute("data-v") || b.cells[col].textContent;
          var nx = parseFloat(x), ny = parseFloat(y);
          if (x === "—") nx = -1;
          if (y === "—") ny = -1;
          var c = (!isNaN(nx) && !isNaN(ny)) ? nx - ny : x.localeCompare(y, "zh-CN");
          return desc ? -c : c;
        });
        rows.forEach(function (r) { body.appendChild(r); });
      });
    });
  });
})();
