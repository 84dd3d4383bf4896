/*
 * Xinyidai console script: progressive enhancements only; every page works without it.
 *  - Upload form: shows the chosen file's name and size, posts with XMLHttpRequest to show
 *    upload progress, then follows the server's redirect to the new batch.
 *  - Filter selects marked data-autosubmit submit their form on change.
 *  - A refused form comes back filled in as it was sent, with each problem under its field
 *    (the server puts the values and problems in <script id="form-echo">).
 */
(function () {
  "use strict";

  var ACCEPTED = [".csv", ".jsonl", ".txt"];

  function formatSize(bytes) {
    if (bytes < 1024) {
      return bytes + " 字节";
    }
    if (bytes < 1024 * 1024) {
      return (bytes / 1024).toFixed(1).replace(/\.0$/, "") + " KB";
    }
    if (bytes < 1024 * 1024 * 1024) {
      return (bytes / 1024 / 1024).toFixed(1).replace(/\.0$/, "") + " MB";
    }
    return (bytes / 1024 / 1024 / 1024).toFixed(2) + " GB";
  }

  function hasAcceptedExtension(name) {
    var lower = name.toLowerCase();
    for (var i = 0; i < ACCEPTED.length; i++) {
      if (lower.slice(-ACCEPTED[i].length) === ACCEPTED[i]) {
        return true;
      }
    }
    return false;
  }

  function withoutHash(url) {
    var index = url.indexOf("#");
    return index === -1 ? url : url.slice(0, index);
  }

  function initUpload(form) {
    if (!form || form.getAttribute("data-upload-ready") === "true") {
      return;
    }
    form.setAttribute("data-upload-ready", "true");

    var fileInput = form.querySelector('input[type="file"]');
    var info = form.querySelector(".file-info");
    var progress = form.querySelector(".upload-progress");
    var track = progress ? progress.querySelector(".progress") : null;
    var bar = progress ? progress.querySelector(".progress-bar") : null;
    var status = progress ? progress.querySelector(".upload-status") : null;
    var submit = form.querySelector('button[type="submit"]');
    var submitLabel = submit ? submit.textContent : "";
    var busy = false;

    function showFile() {
      if (!info || !fileInput) {
        return;
      }
      var file = fileInput.files && fileInput.files[0];
      if (!file) {
        info.hidden = true;
        info.textContent = "";
        return;
      }
      var text = "已选择：" + file.name + "（" + formatSize(file.size) + "）";
      var ok = hasAcceptedExtension(file.name);
      if (!ok) {
        text += " — 文件扩展名应为 .csv、.jsonl 或 .txt";
      }
      info.textContent = text;
      info.classList.toggle("is-warning", !ok);
      info.hidden = false;
    }

    function setIndeterminate(on) {
      if (!track) {
        return;
      }
      track.classList.toggle("is-indeterminate", on);
      if (on) {
        track.removeAttribute("aria-valuenow");
        if (bar) {
          bar.style.width = "";
        }
      }
    }

    function setPercent(percent) {
      setIndeterminate(false);
      if (bar) {
        bar.style.width = percent + "%";
      }
      if (track) {
        track.setAttribute("aria-valuenow", String(percent));
      }
    }

    function setStatus(text) {
      if (status) {
        status.textContent = text;
      }
    }

    /* A random key the server reports this upload's progress under (rows checked, bytes read). */
    function newProgressKey() {
      var input = form.querySelector('input[name="progress"]');
      if (!input || !window.crypto || !window.crypto.getRandomValues) {
        return "";
      }
      var bytes = new Uint8Array(16);
      window.crypto.getRandomValues(bytes);
      var key = "";
      for (var i = 0; i < bytes.length; i++) {
        key += ("0" + bytes[i].toString(16)).slice(-2);
      }
      input.value = key;
      return key;
    }

    var polling = null;
    var serverSeen = false;

    /* Asks the server how far it has got: rows read and checked, and the share of the file's bytes. */
    function pollProgress(key, size) {
      if (!key || polling) {
        return;
      }
      polling = window.setInterval(function () {
        var request = new XMLHttpRequest();
        request.open("GET", "/console/upload/progress?key=" + encodeURIComponent(key));
        request.setRequestHeader("Accept", "application/json");
        request.addEventListener("load", function () {
          if (request.status !== 200) {
            return;
          }
          var p;
          try {
            p = JSON.parse(request.responseText);
          } catch (e) {
            return;
          }
          serverSeen = true;
          var rows = Number(p.rows || 0);
          var written = Number(p.written || 0);
          var bytes = Number(p.bytes || 0);
          var count = function (n) { return n.toLocaleString("zh-CN"); };
          if (p.done === "true") {
            setPercent(100);
            setStatus(p.phase + "，已校验 " + count(rows) + " 行，写入 " + count(written) + " 行");
          } else if (size > 0 && bytes < size) {
            /* Reading: the share of the file read; the writer follows a few chunks behind. */
            var percent = Math.min(99, Math.round((bytes / size) * 100));
            setPercent(percent);
            setStatus(p.phase + "：已读取 " + count(rows) + " 行（" + percent + "%），已写入 " + count(written) + " 行");
          } else if (rows > 0 && written < rows) {
            /* The file is read: the share of its rows written. */
            setPercent(Math.min(99, Math.round((written / rows) * 100)));
            setStatus(p.phase + "：已写入 " + count(written) + " / " + count(rows) + " 行");
          } else {
            setPercent(99);
            setStatus(p.phase + "：已写入全部 " + count(written) + " 行");
          }
        });
        request.send();
      }, 600);
    }

    function stopPolling() {
      if (polling) {
        window.clearInterval(polling);
        polling = null;
      }
    }

    function start() {
      busy = true;
      if (submit) {
        submit.disabled = true;
        submit.textContent = "正在上传并校验…";
      }
      if (progress) {
        progress.hidden = false;
      }
      setIndeterminate(true);
      setStatus("正在上传并校验…");
    }

    function reset(message) {
      busy = false;
      stopPolling();
      if (submit) {
        submit.disabled = false;
        submit.textContent = submitLabel;
      }
      if (message) {
        setIndeterminate(false);
        if (bar) {
          bar.style.width = "0";
        }
        setStatus(message);
      } else if (progress) {
        progress.hidden = true;
      }
    }

    /* Shows a page the server rendered in answer to the POST (e.g. the form with an error). */
    function showResponse(html) {
      var doc = null;
      try {
        doc = new DOMParser().parseFromString(html, "text/html");
      } catch (e) {
        doc = null;
      }
      var incoming = doc ? doc.getElementById("main") : null;
      var current = document.getElementById("main");
      if (!incoming || !current) {
        return false;
      }
      current.innerHTML = incoming.innerHTML;
      if (doc.title) {
        document.title = doc.title;
      }
      window.scrollTo(0, 0);
      init(document);
      return true;
    }

    if (fileInput) {
      fileInput.addEventListener("change", showFile);
      showFile();
    }

    form.addEventListener("submit", function (event) {
      if (busy) {
        event.preventDefault();
        return;
      }
      if (typeof form.checkValidity === "function" && !form.checkValidity()) {
        return;
      }
      if (!window.XMLHttpRequest || !window.FormData) {
        start(); /* plain submission continues */
        return;
      }
      event.preventDefault();
      var progressKey = newProgressKey();
      var data = new FormData(form);
      var fileSize = fileInput && fileInput.files && fileInput.files[0] ? fileInput.files[0].size : 0;
      start();
      pollProgress(progressKey, fileSize);

      var xhr = new XMLHttpRequest();
      xhr.open("POST", form.action);
      xhr.setRequestHeader("Accept", "text/html");

      if (xhr.upload) {
        xhr.upload.addEventListener("progress", function (e) {
          if (serverSeen) {
            return; /* the server's own count of rows is the truer measure */
          }
          if (e.lengthComputable && e.total > 0) {
            var percent = Math.min(100, Math.round((e.loaded / e.total) * 100));
            setPercent(percent);
            setStatus("正在上传… " + percent + "%");
          }
        });
        xhr.upload.addEventListener("load", function () {
          if (!polling) {
            setIndeterminate(true);
            setStatus("上传完成，正在校验…");
          }
        });
      }

      xhr.addEventListener("load", function () {
        var target = xhr.responseURL || "";
        var redirected = target !== "" && withoutHash(target) !== withoutHash(form.action);
        stopPolling();
        if (xhr.status >= 200 && xhr.status < 300 && redirected) {
          setStatus("校验完成，正在打开批次…");
          window.location.assign(target);
          return;
        }
        if (xhr.responseText && showResponse(xhr.responseText)) {
          return;
        }
        reset("上传未成功（HTTP " + xhr.status + "），请重试。");
      });
      xhr.addEventListener("error", function () {
        reset("网络错误，上传未完成，请检查网络后重试。");
      });
      xhr.addEventListener("abort", function () {
        reset("上传已取消。");
      });
      xhr.send(data);
    });

    /* Coming back with the browser's back button must not leave the form locked. */
    window.addEventListener("pageshow", function (event) {
      if (event.persisted) {
        reset();
      }
    });
  }

  function initAutosubmit(root) {
    var selects = root.querySelectorAll("select[data-autosubmit]");
    for (var i = 0; i < selects.length; i++) {
      if (selects[i].getAttribute("data-autosubmit-ready") === "true") {
        continue;
      }
      selects[i].setAttribute("data-autosubmit-ready", "true");
      selects[i].addEventListener("change", function (event) {
        var form = event.target.form;
        if (!form) {
          return;
        }
        if (typeof form.requestSubmit === "function") {
          form.requestSubmit();
        } else {
          form.submit();
        }
      });
    }
  }

  function pathOf(url) {
    var a = document.createElement("a");
    a.href = url || "";
    return a.pathname;
  }

  function controlsNamed(form, name) {
    var found = [];
    for (var i = 0; i < form.elements.length; i++) {
      var el = form.elements[i];
      if (el.name === name || el.name === name + "[]") {
        found.push(el);
      }
    }
    return found;
  }

  /* The control whose <label> reads `text` (a problem named by the field's Chinese name). */
  function controlLabelled(form, text) {
    var labels = form.querySelectorAll("label");
    for (var i = 0; i < labels.length; i++) {
      var label = labels[i].textContent.replace(/[\s*（(].*$/, "").trim();
      if (label === text && labels[i].htmlFor) {
        var el = document.getElementById(labels[i].htmlFor);
        if (el && form.contains(el)) {
          return el;
        }
      }
    }
    return null;
  }

  function restoreValues(form, values) {
    Object.keys(values).forEach(function (name) {
      var entered = values[name];
      controlsNamed(form, name).forEach(function (el) {
        var type = (el.type || "").toLowerCase();
        if (type === "hidden" || type === "password" || type === "file" || type === "submit") {
          return;
        }
        if (type === "checkbox" || type === "radio") {
          el.checked = entered.indexOf(el.value) !== -1;
        } else if (el.tagName === "SELECT" && el.multiple) {
          for (var i = 0; i < el.options.length; i++) {
            el.options[i].selected = entered.indexOf(el.options[i].value) !== -1;
          }
        } else if (entered.length > 0) {
          el.value = entered[0];
        }
      });
    });
  }

  function showProblem(form, problem, index) {
    var el = controlsNamed(form, problem.field)[0] || controlLabelled(form, problem.field);
    if (!el) {
      return null;
    }
    var holder = el.closest(".field") || el.parentNode;
    var message = document.createElement("p");
    message.className = "field-error";
    message.id = "field-error-" + index;
    message.textContent = problem.reason;
    holder.appendChild(message);
    holder.classList.add("has-error");
    el.setAttribute("aria-invalid", "true");
    el.setAttribute("aria-describedby", message.id);
    return el;
  }

  function initFormEcho() {
    var holder = document.getElementById("form-echo");
    if (!holder || holder.getAttribute("data-done") === "true") {
      return;
    }
    holder.setAttribute("data-done", "true");
    var echo;
    try {
      echo = JSON.parse(holder.textContent);
    } catch (e) {
      return;
    }
    var forms = document.querySelectorAll("form");
    var form = null;
    for (var i = 0; i < forms.length && !form; i++) {
      if ((forms[i].method || "").toLowerCase() === "post" && pathOf(forms[i].getAttribute("action")) === echo.action) {
        form = forms[i];
      }
    }
    if (!form) {
      return;
    }
    restoreValues(form, echo.values || {});
    var first = null;
    (echo.problems || []).forEach(function (problem, index) {
      var el = showProblem(form, problem, index);
      first = first || el;
    });
    if (first) {
      first.focus();
    }
  }

  function init(root) {
    initFormEcho();
    var forms = root.querySelectorAll("form[data-upload]");
    for (var i = 0; i < forms.length; i++) {
      initUpload(forms[i]);
    }
    initAutosubmit(root);
    initConfirm(root);
  }

  // Forms with data-confirm ask before submitting (e.g. revoking an authorisation, signing a contract).
  function initConfirm(root) {
    var forms = root.querySelectorAll("form[data-confirm]");
    for (var i = 0; i < forms.length; i++) {
      forms[i].addEventListener("submit", function (event) {
        if (!window.confirm(this.getAttribute("data-confirm"))) {
          event.preventDefault();
        }
      });
    }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", function () {
      init(document);
    });
  } else {
    init(document);
  }
})();
