/* agent-store report html: draws each section's chart (Apache ECharts, SVG renderer) and its table from the
   inline JSON. No request leaves the page; the content security policy in <head> forbids any. */
(function () {
  'use strict';
  var data = JSON.parse(document.getElementById('report-data').textContent);
  var charts = [];
  var pending = 0;

  var fmt = {
    usd: function (v) {
      return v === null || v === undefined || v === '' ? '-'
        : '$' + Number(v).toLocaleString('en-US', {minimumFractionDigits: 2, maximumFractionDigits: 2});
    },
    int: function (v) {
      return v === null || v === undefined || v === '' ? '-' : Math.round(Number(v)).toLocaleString('en-US');
    },
    pct: function (v) {
      return v === null || v === undefined || v === '' ? '-' : (Number(v) * 100).toFixed(1) + '%';
    },
    text: function (v) {
      return v === null || v === undefined ? '' : String(v);
    }
  };
  function axisFmt(format) {
    if (format === 'usd') { return function (v) { return '$' + Number(v).toLocaleString('en-US'); }; }
    if (format === 'pct') { return function (v) { return Math.round(v * 100) + '%'; }; }
    return function (v) {
      var a = Math.abs(v);
      return a >= 1e9 ? (v / 1e9) + 'B' : a >= 1e6 ? (v / 1e6) + 'M' : a >= 1e3 ? (v / 1e3) + 'k' : String(v);
    };
  }
  function el(tag, attrs, text) {
    var e = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { e.setAttribute(k, attrs[k]); });
    if (text !== undefined) { e.textContent = text; }
    return e;
  }
  function short(s, n) { s = String(s); return s.length > n ? '\u2026' + s.slice(s.length - n + 1) : s; }

  // ---- header, totals, contents ------------------------------------------------------------------------
  var r = data.range;
  document.getElementById('range').textContent =
    (r.since || 'the beginning') + ' to ' + (r.until || 'now') + ' (days in ' + r.timezone + ')' +
    (r.project ? ', project ' + r.project : ', all projects') + '; generated ' + data.generatedAt;
  document.getElementById('colophon').textContent =
    'Modules: ' + data.modules.join(', ') + '. Charts: ' + data.chartLibrary +
    ', inlined; this page needs no network. Made by agent-store report html.';

  var t = data.totals || {};
  var totals = document.getElementById('totals');
  [['totalCost', 'Total cost', 'usd'], ['totalTokens', 'Total tokens', 'int'], ['inputTokens', 'Input', 'int'],
   ['outputTokens', 'Output', 'int'], ['cacheCreationTokens', 'Cache create', 'int'],
   ['cacheReadTokens', 'Cache read', 'int'], ['sessions', 'Sessions', 'int']].forEach(function (k) {
    if (t[k[0]] === undefined) { return; }
    var box = el('div', {'class': 'kpi', id: 'kpi-' + k[0], 'data-exact': String(t[k[0]])});
    box.appendChild(el('div', {'class': 'v'}, fmt[k[2]](t[k[0]])));
    box.appendChild(el('div', {'class': 'k'}, k[1] + (k[0] === 'totalCost' && t.unpricedCalls > 0
      ? ' (+' + t.unpricedCalls + ' unpriced calls)' : '')));
    totals.appendChild(box);
  });

  var toc = document.getElementById('toc');
  var main = document.getElementById('sections');
  if (data.sections.length === 0) {
    main.appendChild(el('p', {'class': 'muted', id: 'empty'},
      'Nothing recorded in this range yet: see agent-store ingest claude-code, or agent-store demo.'));
  }

  // ---- sections ------------------------------------------------------------------------------------------
  var PAGE = 50;
  data.sections.forEach(function (s) {
    var a = el('a', {href: '#s-' + s.id}, s.title);
    toc.appendChild(a);
    var sec = el('section', {'class': 'section', id: 's-' + s.id, 'data-section': s.id});
    var head = el('div', {'class': 'section-head'});
    head.appendChild(el('h2', {}, s.title));
    var toggle = el('button', {type: 'button', 'class': 'toggle', 'aria-expanded': 'false'}, 'Show table');
    head.appendChild(toggle);
    sec.appendChild(head);
    sec.appendChild(el('p', {'class': 'note muted'}, s.note));
    var box = el('div', {'class': 'chart', role: 'img', 'aria-label': s.title});
    if (s.chart.type === 'hbar') { box.style.height = Math.max(200, 26 * s.chart.x.length + 70) + 'px'; }
    sec.appendChild(box);
    var wrap = el('div', {'class': 'table-wrap hidden'});
    wrap.appendChild(table(s.table));
    sec.appendChild(wrap);
    toggle.addEventListener('click', function () {
      var open = wrap.classList.toggle('hidden') === false;
      toggle.textContent = open ? 'Hide table' : 'Show table';
      toggle.setAttribute('aria-expanded', String(open));
    });
    main.appendChild(sec);
    charts.push({section: s, box: box, chart: null});
  });

  function table(tb) {
    var wrap = el('div');
    var tableEl = el('table');
    var thead = el('thead');
    var hr = el('tr');
    tb.columns.forEach(function (c) { hr.appendChild(el('th', {'class': c.format === 'text' ? '' : 'num'}, c.name)); });
    thead.appendChild(hr);
    tableEl.appendChild(thead);
    var body = el('tbody');
    tb.rows.forEach(function (row, i) {
      var tr = el('tr', i >= PAGE ? {'class': 'paged-out hidden'} : {});
      row.forEach(function (v, j) {
        var f = tb.columns[j].format;
        tr.appendChild(el('td', {'class': f === 'text' ? '' : 'num'}, fmt[f](v)));
      });
      body.appendChild(tr);
    });
    tableEl.appendChild(body);
    if (tb.footer) {
      var tf = el('tfoot');
      var fr = el('tr');
      tb.footer.forEach(function (v, j) {
        var f = tb.columns[j].format;
        fr.appendChild(el('td', {'class': f === 'text' ? '' : 'num', 'data-exact': v === null ? '' : String(v)},
          typeof v === 'string' && f !== 'text' ? v : fmt[f](v)));
      });
      tf.appendChild(fr);
      tableEl.appendChild(tf);
    }
    wrap.appendChild(tableEl);
    if (tb.rows.length > PAGE) {
      var pages = Math.ceil(tb.rows.length / PAGE);
      var page = 0;
      var pager = el('div', {'class': 'pager'});
      var prev = el('button', {type: 'button'}, 'Previous');
      var next = el('button', {type: 'button'}, 'Next');
      var label = el('span', {'class': 'muted'});
      var show = function () {
        Array.prototype.forEach.call(body.rows, function (tr, i) {
          tr.classList.toggle('hidden', Math.floor(i / PAGE) !== page);
        });
        label.textContent = 'rows ' + (page * PAGE + 1) + '\u2013' + Math.min(tb.rows.length, (page + 1) * PAGE) +
          ' of ' + tb.rows.length;
        prev.disabled = page === 0;
        next.disabled = page === pages - 1;
      };
      prev.addEventListener('click', function () { page--; show(); });
      next.addEventListener('click', function () { page++; show(); });
      pager.appendChild(prev);
      pager.appendChild(next);
      pager.appendChild(label);
      wrap.appendChild(pager);
      show();
    }
    return wrap;
  }

  // ---- charts --------------------------------------------------------------------------------------------
  function option(c, dark) {
    var valueFmt = fmt[c.format];
    var horizontal = c.type === 'hbar';
    var category = {type: 'category', data: horizontal ? c.x.map(function (x) { return short(x, 48); }) : c.x,
                    inverse: horizontal, axisLabel: {hideOverlap: true}};
    var value = {type: 'value', axisLabel: {formatter: axisFmt(c.format)}};
    if (c.format === 'pct') { value.max = 1; value.min = 0; }
    if (c.limit) {
      // room for the limit line, rounded to a readable number
      value.max = function (v) {
        var m = Math.max(v.max, c.limit.value) * 1.08;
        var p = Math.pow(10, Math.floor(Math.log10(m)));
        return Math.ceil(m / p * 2) / 2 * p;
      };
    }
    var series = c.series.map(function (s, i) {
      var out = {name: s.name, type: c.type === 'line' ? 'line' : 'bar', data: s.data.map(function (v) {
        return v === null ? null : Number(v);
      })};
      if (s.stack) { out.stack = s.stack; }
      if (c.type === 'line') { out.showSymbol = true; out.showAllSymbol = true; out.symbolSize = 5; out.connectNulls = true; }
      if (c.type !== 'line') { out.barMaxWidth = 36; }
      if (c.limit && i === 0) {
        out.markLine = {symbol: 'none', silent: true, lineStyle: {type: 'dashed', color: '#d9534f', width: 2},
          label: {formatter: c.limit.name + ' ' + fmt.int(c.limit.value), position: 'insideEndTop'},
          data: [{yAxis: c.limit.value}]};
      }
      return out;
    });
    var many = !horizontal && c.x.length > 60;
    return {
      backgroundColor: 'transparent',
      animation: false,
      grid: {left: horizontal ? 12 : 8, right: 28, top: series.length > 1 ? 36 : 16, bottom: many ? 56 : 8,
             containLabel: true},
      legend: series.length > 1 ? {type: 'scroll', top: 0} : {show: false},
      tooltip: {trigger: 'axis', axisPointer: {type: horizontal ? 'shadow' : 'line'}, valueFormatter: valueFmt,
                confine: true},
      xAxis: horizontal ? value : category,
      yAxis: horizontal ? category : value,
      dataZoom: many ? [{type: 'inside'}, {type: 'slider', height: 18, bottom: 8}] : [],
      series: series
    };
  }

  function drawAll() {
    var dark = document.documentElement.getAttribute('data-theme') === 'dark';
    pending = charts.length;
    document.body.removeAttribute('data-ready');
    if (pending === 0) { document.body.setAttribute('data-ready', 'true'); }
    charts.forEach(function (c) {
      if (c.chart) { c.chart.dispose(); }
      c.box.removeAttribute('data-drawn');
      c.chart = echarts.init(c.box, dark ? 'dark' : null, {renderer: 'svg'});
      c.chart.on('finished', function once() {
        c.chart.off('finished', once);
        c.box.setAttribute('data-drawn', 'true');
        pending--;
        if (pending === 0) { document.body.setAttribute('data-ready', 'true'); }
      });
      c.chart.setOption(option(c.section.chart, dark));
    });
  }

  var themeButton = document.getElementById('theme');
  function setTheme(dark) {
    document.documentElement.setAttribute('data-theme', dark ? 'dark' : 'light');
    themeButton.textContent = dark ? 'Light' : 'Dark';
  }
  setTheme(window.matchMedia && window.matchMedia('(prefers-color-scheme: dark)').matches);
  themeButton.addEventListener('click', function () {
    setTheme(document.documentElement.getAttribute('data-theme') !== 'dark');
    drawAll();
  });
  document.getElementById('print').addEventListener('click', function () { window.print(); });
  window.addEventListener('resize', function () { charts.forEach(function (c) { if (c.chart) { c.chart.resize(); } }); });
  window.addEventListener('beforeprint', function () { charts.forEach(function (c) { if (c.chart) { c.chart.resize(); } }); });
  drawAll();
}());
