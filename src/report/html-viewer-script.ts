/**
 * VIEWER_SCRIPT: the HTML report's inline viewer (plain browser JavaScript,
 * no libraries). It reads the TimelineModel from `#timeline-data` and the
 * colours from `#timeline-config`, and draws the timeline on one <canvas>.
 *
 * Drawing: only the lanes scrolled into view and the spans inside the
 * visible tick range are visited (per lane and nesting row, spans are sorted
 * by start and do not overlap, so a binary search finds the first visible
 * one). Spans narrower than two pixels are merged into one block per pixel
 * column and the walk jumps past the rest of that column, so a fully
 * zoomed-out view of 100,000 calls costs O(pixels x log n) per row.
 *
 * Interaction: wheel zooms around the pointer (shift+wheel or a sideways
 * wheel pans), drag pans (and scrolls lanes vertically), the toolbar
 * buttons and the keys + - arrows 0 do the same; hovering any bar shows its
 * details in `#tooltip`; `#visible-range` shows the visible ticks (also as
 * data-start / data-end). With 'only threads alive in view' checked (the
 * default), thread lanes of threads dead before or born after the visible
 * range are left out, so a run of thousands of short threads stays readable.
 *
 * Test hooks: `window.kernelSimTimeline` = { model, getRange(), setRange(s, e),
 * locateCall(id, keepRange?) -> client {x, y} of the call's bar (scrolled and,
 * unless keepRange, zoomed into view; null if keepRange and it is out of view),
 * locatePhase(swap, phase), lanes(), stats }.
 *
 * Written as a raw string: no backticks or dollar-brace sequences inside.
 */
export const VIEWER_SCRIPT = String.raw`
(function () {
  'use strict';
  var model = JSON.parse(document.getElementById('timeline-data').textContent);
  var cfg = JSON.parse(document.getElementById('timeline-config').textContent);
  var C = model.calls, R = model.runs, H = model.held, G = model.generations;
  var CALL_ERROR = 1, CALL_OPEN = 2, CALL_HELD = 4;
  var LABEL_W = 190, AXIS_H = 28, ROW_H = 15, PAD = 4, STRIP_H = 5, GROUP_GAP = 8;

  var container = document.getElementById('timeline');
  var canvas = document.getElementById('timeline-canvas');
  var ctx = canvas.getContext('2d');
  var tooltip = document.getElementById('tooltip');
  var readout = document.getElementById('visible-range');

  // ---- indexes ---------------------------------------------------------------
  var threadById = {}, objectById = {}, swapById = {};
  model.threads.forEach(function (t) { threadById[t.id] = t; });
  model.objects.forEach(function (o) { objectById[o.id] = o; });
  model.swaps.forEach(function (s) { swapById[s.swap] = s; });

  var lanes = model.lanes.map(function (l) {
    return { key: l.key, kind: l.kind, id: l.id, label: l.label, rows: l.rows, top: -1, height: 0, shown: false, rowIdx: [], runIdx: [], genIdx: [] };
  });
  var laneByKey = {};
  lanes.forEach(function (l) {
    laneByKey[l.key] = l;
    for (var d = 0; d < l.rows; d++) l.rowIdx.push([]);
  });
  var n = C.id.length;
  for (var i = 0; i < n; i++) {
    var key = C.thread[i] >= 0 ? 'thread-' + C.thread[i] : 'kernel-' + C.cpu[i];
    var lane = laneByKey[key];
    if (!lane) continue;
    while (lane.rowIdx.length <= C.depth[i]) lane.rowIdx.push([]);
    lane.rowIdx[C.depth[i]].push(i);
  }
  for (i = 0; i < R.cpu.length; i++) {
    if (laneByKey['cpu-' + R.cpu[i]]) laneByKey['cpu-' + R.cpu[i]].runIdx.push(i);
    if (laneByKey['thread-' + R.thread[i]]) laneByKey['thread-' + R.thread[i]].runIdx.push(i);
  }
  for (i = 0; i < G.tick.length; i++) if (laneByKey['cpu-' + G.cpu[i]]) laneByKey['cpu-' + G.cpu[i]].genIdx.push(i);
  var heldByCall = {};
  for (i = 0; i < H.call.length; i++) (heldByCall[H.call[i]] = heldByCall[H.call[i]] || []).push(i);

  // ---- layout ----------------------------------------------------------------
  function laneHeight(l) {
    if (l.kind === 'cpu') return 22;
    if (l.kind === 'swap') return 26;
    if (l.kind === 'kernel') return l.rowIdx.length * ROW_H + 2 * PAD;
    return Math.max(1, l.rowIdx.length) * ROW_H + 2 * PAD + STRIP_H;
  }
  var fullH = AXIS_H + 8;
  lanes.forEach(function (l, k) {
    l.height = laneHeight(l);
    l.shown = true;
    fullH += l.height + (k > 0 && lanes[k - 1].kind !== l.kind ? GROUP_GAP : 0);
  });
  var totalH = fullH;
  var spacer = document.getElementById('timeline-spacer');
  var onlyAlive = document.getElementById('only-alive');
  var laneItems = {};
  lanes.forEach(function (l) { laneItems[l.key] = document.querySelector('#lane-list [data-lane="' + l.key + '"]'); });

  // Lane tops; with 'only threads alive in view' on, threads dead before or born after the view are left out.
  function layout() {
    var filter = onlyAlive !== null && onlyAlive.checked;
    var y = AXIS_H, prevKind = null;
    lanes.forEach(function (l) {
      var t = l.kind === 'thread' ? threadById[l.id] : null;
      var shown = !(filter && t && (t.endTick < view.start || t.spawnTick > view.end));
      var top = -1e9;
      if (shown) {
        if (prevKind !== null && prevKind !== l.kind) y += GROUP_GAP;
        prevKind = l.kind;
        top = y;
        y += l.height;
      }
      if (shown === l.shown && top === l.top) return;
      l.shown = shown;
      l.top = top;
      var li = laneItems[l.key];
      if (li) {
        li.setAttribute('data-shown', String(shown));
        li.setAttribute('data-top', shown ? String(top) : '');
        li.setAttribute('data-height', String(l.height));
      }
    });
    totalH = y + 8;
    spacer.style.height = totalH + 'px';
  }

  // ---- view state --------------------------------------------------------------
  var fullStart = 0, fullEnd = Math.max(model.endTick, 1);
  var MIN_SPAN = 2;
  var view = { start: fullStart, end: fullEnd };
  var width = 800, viewH = 400, dpr = 1, scale = 1, plotW = 600;
  var stats = { draws: 0, lastDrawMs: 0, lastItems: 0 };

  function x(t) { return LABEL_W + (t - view.start) * scale; }
  function tickAt(px) { return view.start + (px - LABEL_W) / scale; }
  function fmt(t) { return Math.abs(t - Math.round(t)) < 0.05 ? String(Math.round(t)) : t.toFixed(1); }

  function setRange(s, e) {
    var span = Math.min(Math.max(e - s, MIN_SPAN), fullEnd - fullStart);
    if (s < fullStart) s = fullStart;
    if (s + span > fullEnd) s = fullEnd - span;
    view.start = s;
    view.end = s + span;
    scale = plotW / span;
    readout.textContent = 'ticks ' + fmt(view.start) + ' \u2013 ' + fmt(view.end) + ' (' + fmt(span) + ' of ' + fmt(fullEnd) + ' ticks)';
    readout.setAttribute('data-start', String(view.start));
    readout.setAttribute('data-end', String(view.end));
    layout();
    schedule();
  }
  function zoom(factor, atTick) {
    var span = view.end - view.start;
    if (atTick === undefined) atTick = view.start + span / 2;
    var rel = (atTick - view.start) / span;
    var next = span * factor;
    setRange(atTick - rel * next, atTick - rel * next + next);
  }
  function pan(ticks) { setRange(view.start + ticks, view.end + ticks); }

  function resize() {
    width = Math.max(300, container.clientWidth);
    viewH = Math.max(120, Math.min(fullH, Math.max(320, Math.round(window.innerHeight * 0.72))));
    container.style.height = viewH + 'px';
    dpr = window.devicePixelRatio || 1;
    canvas.style.width = width + 'px';
    canvas.style.height = viewH + 'px';
    canvas.width = Math.round(width * dpr);
    canvas.height = Math.round(viewH * dpr);
    plotW = width - LABEL_W - 8;
    setRange(view.start, view.end);
    draw();
  }

  var pending = false;
  function schedule() {
    if (pending) return;
    pending = true;
    requestAnimationFrame(function () { pending = false; draw(); });
  }

  // ---- colours and patterns ------------------------------------------------------
  function versionColor(v) {
    var vc = cfg.versionColors;
    return v <= 0 ? vc[0] : vc[1 + ((v - 1) % (vc.length - 1))];
  }
  function threadColor(id) { return 'hsl(' + ((id * 47) % 360) + ', 55%, 62%)'; }
  var heldPattern = (function () {
    var p = document.createElement('canvas');
    p.width = 8; p.height = 8;
    var c = p.getContext('2d');
    c.fillStyle = '#fff3c4'; c.fillRect(0, 0, 8, 8);
    c.strokeStyle = cfg.marks.held; c.lineWidth = 3;
    c.beginPath(); c.moveTo(-2, 10); c.lineTo(10, -2); c.moveTo(6, 10); c.lineTo(10, 6); c.moveTo(-2, 2); c.lineTo(2, -2); c.stroke();
    return ctx.createPattern(p, 'repeat');
  })();

  // ---- searching -------------------------------------------------------------------
  // first k in idx with endArr[idx[k]] >= t (ends are sorted within a row)
  function firstEndingFrom(idx, endArr, t) {
    var lo = 0, hi = idx.length;
    while (lo < hi) { var mid = (lo + hi) >> 1; if (endArr[idx[mid]] < t) lo = mid + 1; else hi = mid; }
    return lo;
  }
  // first k >= from in idx with startArr[idx[k]] >= t
  function firstStartingFrom(idx, startArr, t, from) {
    var lo = from, hi = idx.length;
    while (lo < hi) { var mid = (lo + hi) >> 1; if (startArr[idx[mid]] < t) lo = mid + 1; else hi = mid; }
    return lo;
  }

  // ---- drawing -------------------------------------------------------------------------
  // Draw spans idx (sorted, non-overlapping) of one row. Spans under 2px are drawn as one block per
  // run of pixel columns of the same aggregate colour (aggColorOf, default colorOf), slightly faded.
  function drawRow(idx, startArr, endArr, y, h, colorOf, detail, aggColorOf) {
    var aggOf = aggColorOf || colorOf;
    var i = firstEndingFrom(idx, endArr, view.start);
    var aggFrom = -1, aggTo = -1, aggColor = '';
    var right = LABEL_W + plotW;
    function flush() {
      if (aggFrom < 0) return;
      ctx.globalAlpha = 0.6;
      ctx.fillStyle = aggColor;
      ctx.fillRect(aggFrom, y, aggTo - aggFrom, h);
      ctx.globalAlpha = 1;
      aggFrom = -1;
    }
    while (i < idx.length) {
      var k = idx[i];
      var s = startArr[k];
      if (s > view.end) break;
      stats.lastItems++;
      var x0 = x(s), x1 = x(endArr[k]);
      if (x1 - x0 < 2) {
        var px = Math.floor(x0), color = aggOf(k);
        if (aggFrom >= 0 && px <= aggTo && color === aggColor) aggTo = Math.max(aggTo, px + 2);
        else { flush(); aggFrom = Math.max(LABEL_W, px); aggTo = px + 2; aggColor = color; }
        var j = firstStartingFrom(idx, startArr, tickAt(px + 1), i + 1) - 1;
        i = j > i ? j : i + 1;
        continue;
      }
      flush();
      var a = Math.max(x0, LABEL_W - 2), b = Math.min(x1, right + 2);
      ctx.fillStyle = colorOf(k);
      ctx.fillRect(a, y, b - a, h);
      if (detail) detail(k, a, b, y, h);
      i++;
    }
    flush();
  }

  function textIn(text, a, b, y, h, color) {
    var room = b - a - 6;
    if (room < 18) return;
    var chars = Math.floor(room / 6.3);
    if (chars < text.length) text = chars > 2 ? text.slice(0, chars - 1) + '\u2026' : '';
    if (!text) return;
    ctx.fillStyle = color || '#fff';
    ctx.fillText(text, a + 3, y + h / 2 + 0.5);
  }

  function callDetail(k, a, b, y, h) {
    var flags = C.flags[k];
    if (flags & CALL_HELD) {
      var hs = heldByCall[k] || [];
      for (var q = 0; q < hs.length; q++) {
        var hi = hs[q];
        var ha = Math.max(x(H.start[hi]), a), hb = Math.max(Math.min(x(H.end[hi]), b), ha + 2);
        ctx.fillStyle = heldPattern;
        ctx.fillRect(ha, y, hb - ha, h);
        ctx.fillStyle = cfg.marks.release;
        ctx.fillRect(hb - 1, y - 2, 2, h + 4);
      }
    }
    if (flags & CALL_ERROR) { ctx.strokeStyle = cfg.marks.error; ctx.lineWidth = 2; ctx.strokeRect(a + 1, y + 1, b - a - 2, h - 2); }
    if (flags & CALL_OPEN) { ctx.fillStyle = '#000'; ctx.fillRect(b - 3, y, 3, h); }
    textIn(model.labels[C.label[k]], a, b, y, h, '#fff');
  }

  function callColor(k) { return versionColor(C.version[k]); }
  function runColor(k) { return threadColor(R.thread[k]); }

  function drawCallLane(l, top) {
    for (var d = 0; d < l.rowIdx.length; d++) {
      drawRow(l.rowIdx[d], C.start, C.end, top + PAD + d * ROW_H, ROW_H - 2, callColor, callDetail);
    }
  }

  function drawThreadLane(l, top) {
    var t = threadById[l.id];
    var stripY = top + l.height - STRIP_H - 1;
    if (t) {
      var a = Math.max(x(t.spawnTick), LABEL_W), b = Math.min(x(t.endTick), LABEL_W + plotW);
      if (b > a) { ctx.fillStyle = cfg.marks.lifetime; ctx.fillRect(a, stripY + 1, b - a, STRIP_H - 2); }
    }
    drawRow(l.runIdx, R.start, R.end, stripY, STRIP_H, function () { return cfg.marks.running; }, null);
    drawCallLane(l, top);
  }

  function drawCpuLane(l, top) {
    drawRow(l.runIdx, R.start, R.end, top + 5, l.height - 8, runColor, function (k, a, b, y, h) {
      var t = threadById[R.thread[k]];
      textIn(t ? t.name : 'thread ' + R.thread[k], a, b, y, h, '#111');
    }, function () { return cfg.marks.busy; });
    var last = -1;
    ctx.fillStyle = cfg.marks.generation;
    var gi = firstStartingFrom(l.genIdx, G.tick, view.start, 0);
    for (; gi < l.genIdx.length; gi++) {
      var gt = G.tick[l.genIdx[gi]];
      if (gt > view.end) break;
      var gx = Math.round(x(gt));
      if (gx === last) continue;
      last = gx;
      ctx.fillRect(gx, top + 1, 1, 5);
    }
  }

  function phaseColor(p) { return cfg.phaseColors[p] || '#999'; }

  function drawSwapLane(l, top) {
    var s = swapById[l.id];
    if (!s) return;
    var y = top + 4, h = l.height - 8;
    phaseBoxes(s).forEach(function (box) {
      var a = Math.max(box.a, LABEL_W), b = Math.min(box.b, LABEL_W + plotW);
      if (b <= a) return;
      ctx.fillStyle = phaseColor(box.p.phase);
      ctx.fillRect(a, y, b - a, h);
      if (box.thin) { ctx.fillStyle = '#fff'; ctx.fillRect(a, y, 1, h); }
      textIn(box.p.phase, a, b, y, h, '#fff');
    });
    if (s.outcome === 'aborted' || s.outcome === 'refused') {
      var ox = x(s.outcomeTick);
      if (ox >= LABEL_W && ox <= LABEL_W + plotW) {
        ctx.strokeStyle = phaseColor(s.outcome); ctx.lineWidth = 2;
        ctx.beginPath(); ctx.moveTo(ox - 5, y); ctx.lineTo(ox + 5, y + h); ctx.moveTo(ox + 5, y); ctx.lineTo(ox - 5, y + h); ctx.stroke();
        ctx.fillStyle = phaseColor(s.outcome);
        ctx.fillText(s.outcome + ': ' + s.reason, Math.min(ox + 8, LABEL_W + plotW - 40), y + h / 2 + 0.5);
      }
    }
  }

  // Phases as pixel boxes: spans first, then zero-length phases on top as 5px slivers, so each stays visible.
  function phaseBoxes(s) {
    var wide = [], thin = [];
    s.phases.forEach(function (p) {
      var a = x(p.start), b = x(p.end);
      if (b - a >= 5) wide.push({ p: p, a: a, b: b, thin: false });
      else thin.push({ p: p, a: a, b: a + 5, thin: true });
    });
    for (var q = 1; q < thin.length; q++) if (thin[q].a < thin[q - 1].b) { thin[q].a = thin[q - 1].b; thin[q].b = thin[q].a + 5; }
    return wide.concat(thin);
  }

  function drawSwapBackdrops() {
    ctx.globalAlpha = 0.08;
    model.swaps.forEach(function (s) {
      s.phases.forEach(function (p) {
        var a = Math.max(x(p.start), LABEL_W), b = Math.min(x(p.end), LABEL_W + plotW);
        if (b <= a) return;
        ctx.fillStyle = phaseColor(p.phase);
        ctx.fillRect(a, AXIS_H, b - a, viewH - AXIS_H);
      });
    });
    ctx.globalAlpha = 1;
  }

  function drawQuiescence() {
    var lastReq = -1, lastHit = -1;
    model.quiescence.forEach(function (q) {
      var rx = Math.round(x(q.requestedTick));
      if (rx >= LABEL_W && rx <= LABEL_W + plotW && rx !== lastReq) {
        lastReq = rx;
        ctx.strokeStyle = cfg.marks.quiescenceRequested; ctx.lineWidth = 1; ctx.setLineDash([4, 3]);
        ctx.beginPath(); ctx.moveTo(rx + 0.5, AXIS_H - 8); ctx.lineTo(rx + 0.5, viewH); ctx.stroke(); ctx.setLineDash([]);
        ctx.fillStyle = cfg.marks.quiescenceRequested; ctx.fillRect(rx - 3, AXIS_H - 9, 7, 4);
      }
      if (q.reachedTick === null) return;
      var hx = Math.round(x(q.reachedTick));
      if (hx >= LABEL_W && hx <= LABEL_W + plotW && hx !== lastHit) {
        lastHit = hx;
        ctx.strokeStyle = cfg.marks.quiescenceReached; ctx.lineWidth = 1.5;
        ctx.beginPath(); ctx.moveTo(hx + 0.5, AXIS_H - 8); ctx.lineTo(hx + 0.5, viewH); ctx.stroke();
        ctx.fillStyle = cfg.marks.quiescenceReached; ctx.beginPath(); ctx.arc(hx + 0.5, AXIS_H - 7, 3.5, 0, 7); ctx.fill();
      }
    });
  }

  function niceStep(raw) {
    var p = Math.pow(10, Math.floor(Math.log10(Math.max(raw, 1e-9))));
    var m = raw / p;
    var step = (m <= 1 ? 1 : m <= 2 ? 2 : m <= 5 ? 5 : 10) * p;
    return Math.max(1, step);
  }

  function drawAxis() {
    ctx.fillStyle = '#fff';
    ctx.fillRect(0, 0, width, AXIS_H);
    var step = niceStep((view.end - view.start) * 90 / plotW);
    var first = Math.ceil(view.start / step) * step;
    ctx.fillStyle = '#444';
    ctx.textBaseline = 'top';
    for (var t = first; t <= view.end; t += step) {
      var px = Math.round(x(t)) + 0.5;
      ctx.fillRect(px, AXIS_H - 5, 1, 5);
      ctx.fillText(String(t), px + 2, 3);
      ctx.fillStyle = 'rgba(0,0,0,0.06)';
      ctx.fillRect(px, AXIS_H, 1, viewH - AXIS_H);
      ctx.fillStyle = '#444';
    }
    ctx.textBaseline = 'middle';
    ctx.fillStyle = '#666';
    ctx.fillText('tick', 8, 10);
    ctx.fillStyle = '#ccc';
    ctx.fillRect(0, AXIS_H - 1, width, 1);
  }

  function drawLabels(scrollTop) {
    ctx.fillStyle = '#fff';
    ctx.fillRect(0, AXIS_H, LABEL_W, viewH - AXIS_H);
    ctx.fillStyle = '#e6e6e6';
    ctx.fillRect(LABEL_W - 1, AXIS_H, 1, viewH - AXIS_H);
    lanes.forEach(function (l) {
      var top = l.top - scrollTop;
      if (!l.shown || top + l.height < AXIS_H || top > viewH) return;
      ctx.fillStyle = l.kind === 'thread' ? '#222' : l.kind === 'swap' ? '#7a1f1f' : '#1f3b63';
      var label = l.label.length > 28 ? l.label.slice(0, 27) + '\u2026' : l.label;
      ctx.fillText(label, 8, top + Math.min(l.height, 22) / 2);
    });
  }

  function draw() {
    var t0 = (window.performance && performance.now()) || 0;
    stats.lastItems = 0;
    var scrollTop = container.scrollTop;
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.clearRect(0, 0, width, viewH);
    ctx.font = '11px system-ui, sans-serif';
    ctx.textBaseline = 'middle';
    drawSwapBackdrops();
    ctx.save();
    ctx.beginPath();
    ctx.rect(0, AXIS_H, width, viewH - AXIS_H);
    ctx.clip();
    lanes.forEach(function (l, k) {
      var top = l.top - scrollTop;
      if (!l.shown || top + l.height < AXIS_H || top > viewH) return;
      if (k % 2 === 1) { ctx.fillStyle = 'rgba(0,0,0,0.025)'; ctx.fillRect(LABEL_W, top, plotW, l.height); }
      if (l.kind === 'cpu') drawCpuLane(l, top);
      else if (l.kind === 'thread') drawThreadLane(l, top);
      else if (l.kind === 'kernel') drawCallLane(l, top);
      else drawSwapLane(l, top);
    });
    ctx.restore();
    drawAxis();
    drawQuiescence();
    drawLabels(scrollTop);
    stats.draws++;
    stats.lastDrawMs = ((window.performance && performance.now()) || 0) - t0;
  }

  // ---- hit testing and the tooltip -----------------------------------------------------
  function laneAtY(y) {
    var yy = y + container.scrollTop;
    for (var k = 0; k < lanes.length; k++) if (lanes[k].shown && yy >= lanes[k].top && yy < lanes[k].top + lanes[k].height) return lanes[k];
    return null;
  }
  function findIn(idx, startArr, endArr, t, tol) {
    var k = firstEndingFrom(idx, endArr, t - tol);
    if (k < idx.length && startArr[idx[k]] <= t + tol) return idx[k];
    return -1;
  }
  function span(a, b) { return 'ticks ' + a + ' \u2013 ' + b + ' (' + (b - a) + ' tick' + (b - a === 1 ? '' : 's') + ')'; }
  function threadName(id) { var t = threadById[id]; return t ? t.name + ' #' + id : 'thread #' + id; }
  function versionClass(objectId, v) {
    var o = objectById[objectId];
    if (!o) return '';
    for (var q = 0; q < o.versions.length; q++) if (o.versions[q].version === v) return o.versions[q].class;
    return '';
  }
  function callText(k) {
    var flags = C.flags[k];
    var lines = ['<b>' + esc(model.labels[C.label[k]]) + '</b>',
      'call ' + C.id[k] + ' \u00b7 ' + (C.thread[k] >= 0 ? 'thread ' + esc(threadName(C.thread[k])) : 'kernel context') + ' \u00b7 cpu ' + C.cpu[k],
      span(C.start[k], C.end[k]),
      C.version[k] > 0 ? 'reached version ' + C.version[k] + ' (' + esc(versionClass(C.object[k], C.version[k])) + ')' : 'never reached an implementation'];
    (heldByCall[k] || []).forEach(function (hi) { lines.push('held by swap ' + H.swap[hi] + ': ' + span(H.start[hi], H.end[hi]) + ', then released'); });
    if (flags & CALL_ERROR) lines.push('exited with an error');
    if (flags & CALL_OPEN) lines.push('did not exit (still open at the end, or its thread ended)');
    return lines.join('\n');
  }
  function esc(s) { return String(s).replace(/[&<>"]/g, function (c) { return { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' }[c]; }); }

  function hitAt(px, py) {
    if (px < LABEL_W || py < AXIS_H) return null;
    var l = laneAtY(py);
    if (!l) return null;
    var t = tickAt(px), tol = 3 / scale;
    var ly = py + container.scrollTop - l.top;
    if (l.kind === 'thread' || l.kind === 'kernel') {
      if (l.kind === 'thread' && ly >= l.height - STRIP_H - 2) {
        var r = findIn(l.runIdx, R.start, R.end, t, tol);
        if (r >= 0) return { kind: 'run', index: r, html: '<b>running</b> ' + esc(threadName(R.thread[r])) + ' on cpu ' + R.cpu[r] + '\n' + span(R.start[r], R.end[r]) + ', then ' + cfg.runEnds[R.why[r]] };
        var th = threadById[l.id];
        return th ? { kind: 'thread', index: l.id, html: '<b>' + esc(threadName(l.id)) + '</b>\nalive ' + span(th.spawnTick, th.endTick) + ', ' + th.end + (th.error ? ': ' + esc(th.error) : '') } : null;
      }
      var row = Math.floor((ly - PAD) / ROW_H);
      if (row < 0 || row >= l.rowIdx.length) return null;
      var rowIdx = l.rowIdx[row];
      var c = findIn(rowIdx, C.start, C.end, t, tol);
      if (c < 0) return null;
      var html = callText(c);
      if (C.start[c] === C.end[c]) {
        var at = firstStartingFrom(rowIdx, C.start, C.start[c], 0), same = 0;
        while (at < rowIdx.length && C.start[rowIdx[at]] === C.start[c] && C.end[rowIdx[at]] === C.start[c]) { at++; same++; }
        if (same > 1) html += '\n(one of ' + same + ' instant calls at this tick on this row)';
      }
      return { kind: 'call', index: c, html: html };
    }
    if (l.kind === 'cpu') {
      var k = findIn(l.runIdx, R.start, R.end, t, tol);
      if (k < 0) return { kind: 'cpu', index: l.id, html: '<b>cpu ' + l.id + '</b> idle at tick ' + fmt(t) };
      return { kind: 'run', index: k, html: '<b>cpu ' + R.cpu[k] + '</b> runs ' + esc(threadName(R.thread[k])) + '\n' + span(R.start[k], R.end[k]) + ', then ' + cfg.runEnds[R.why[k]] };
    }
    var s = swapById[l.id];
    if (!s) return null;
    var boxes = phaseBoxes(s), hitBox = null;
    for (var q = 0; q < boxes.length; q++) if (px >= boxes[q].a - 1 && px <= boxes[q].b + 1) hitBox = boxes[q];
    if (!hitBox) return null;
    var p = hitBox.p;
    var lines = ['<b>swap ' + s.swap + ': ' + p.phase + '</b>', span(p.start, p.end),
      esc(s.from.join(', ')) + ' \u2192 ' + esc(s.to.join(', ')) + ' \u00b7 outcome ' + s.outcome + (s.reason ? ': ' + esc(s.reason) : ''),
      'held ' + s.held + ' calls (longest ' + s.maxHoldTicks + ' ticks)'];
    return { kind: 'phase', index: s.phases.indexOf(p), html: lines.join('\n') };
  }

  function showTooltip(hit, clientX, clientY) {
    if (!hit) { tooltip.hidden = true; tooltip.removeAttribute('data-kind'); return; }
    tooltip.innerHTML = hit.html;
    tooltip.setAttribute('data-kind', hit.kind);
    if (hit.kind === 'call') tooltip.setAttribute('data-call', String(C.id[hit.index]));
    else tooltip.removeAttribute('data-call');
    tooltip.hidden = false;
    var w = tooltip.offsetWidth, h = tooltip.offsetHeight;
    var left = clientX + 14, top = clientY + 14;
    if (left + w > window.innerWidth - 4) left = clientX - w - 14;
    if (top + h > window.innerHeight - 4) top = clientY - h - 14;
    tooltip.style.left = Math.max(4, left) + 'px';
    tooltip.style.top = Math.max(4, top) + 'px';
  }

  // ---- input ------------------------------------------------------------------------------
  var drag = null;
  function local(e) { var r = canvas.getBoundingClientRect(); return { x: e.clientX - r.left, y: e.clientY - r.top }; }
  canvas.addEventListener('wheel', function (e) {
    e.preventDefault();
    var p = local(e);
    var unit = e.deltaMode === 1 ? 16 : e.deltaMode === 2 ? viewH : 1;
    if (e.shiftKey || Math.abs(e.deltaX) > Math.abs(e.deltaY)) {
      pan(((e.shiftKey ? e.deltaY : e.deltaX) * unit) / scale);
    } else {
      zoom(Math.exp(e.deltaY * unit * 0.0015), p.x >= LABEL_W ? tickAt(p.x) : undefined);
    }
  }, { passive: false });
  canvas.addEventListener('mousedown', function (e) {
    if (e.button !== 0) return;
    drag = { x: e.clientX, y: e.clientY, start: view.start, end: view.end, scroll: container.scrollTop };
    canvas.classList.add('dragging');
    showTooltip(null);
  });
  window.addEventListener('mousemove', function (e) {
    if (drag) {
      var dt = (e.clientX - drag.x) / scale;
      setRange(drag.start - dt, drag.end - dt);
      container.scrollTop = drag.scroll - (e.clientY - drag.y);
      return;
    }
    if (e.target !== canvas) return;
    var p = local(e);
    showTooltip(hitAt(p.x, p.y), e.clientX, e.clientY);
  });
  window.addEventListener('mouseup', function () { if (drag) { drag = null; canvas.classList.remove('dragging'); } });
  canvas.addEventListener('mouseleave', function () { if (!drag) showTooltip(null); });
  canvas.addEventListener('dblclick', function (e) { var p = local(e); zoom(0.5, p.x >= LABEL_W ? tickAt(p.x) : undefined); });
  container.addEventListener('scroll', schedule);
  container.addEventListener('keydown', function (e) {
    var span = view.end - view.start;
    if (e.key === '+' || e.key === '=') zoom(0.5);
    else if (e.key === '-' || e.key === '_') zoom(2);
    else if (e.key === 'ArrowLeft') pan(-span / 4);
    else if (e.key === 'ArrowRight') pan(span / 4);
    else if (e.key === '0') setRange(fullStart, fullEnd);
    else return;
    e.preventDefault();
  });
  function button(id, fn) { var b = document.getElementById(id); if (b) b.addEventListener('click', fn); }
  button('zoom-in', function () { zoom(0.5); });
  button('zoom-out', function () { zoom(2); });
  button('pan-left', function () { pan(-(view.end - view.start) / 4); });
  button('pan-right', function () { pan((view.end - view.start) / 4); });
  button('zoom-fit', function () { setRange(fullStart, fullEnd); });
  if (onlyAlive !== null) onlyAlive.addEventListener('change', function () { layout(); schedule(); });
  window.addEventListener('resize', resize);

  // ---- test hooks --------------------------------------------------------------------------
  function revealLane(l) {
    var top = l.top - container.scrollTop;
    if (top < AXIS_H || top + l.height > viewH) container.scrollTop = Math.max(0, l.top - AXIS_H - 10);
  }
  function reveal(a, b) {
    var need = Math.max(b - a, 1);
    if (a >= view.start && b <= view.end && need * scale >= 24) return;
    var spanT = Math.max(MIN_SPAN, need * 3);
    setRange((a + b) / 2 - spanT / 2, (a + b) / 2 + spanT / 2);
  }
  function clientPoint(px, py) {
    var r = canvas.getBoundingClientRect();
    return { x: r.left + px, y: r.top + py };
  }
  function callIndex(id) {
    var lo = 0, hi = n;
    while (lo < hi) { var mid = (lo + hi) >> 1; if (C.id[mid] < id) lo = mid + 1; else hi = mid; }
    return lo < n && C.id[lo] === id ? lo : -1;
  }
  window.kernelSimTimeline = {
    model: model,
    stats: stats,
    getRange: function () { return { start: view.start, end: view.end }; },
    setRange: function (s, e) { setRange(s, e); draw(); },
    lanes: function () { return lanes.map(function (l) { return { key: l.key, kind: l.kind, shown: l.shown, top: l.top, height: l.height, rows: l.rowIdx.length }; }); },
    redraw: function () { draw(); return stats.lastDrawMs; },
    locateCall: function (id, keepRange) {
      var k = callIndex(id);
      if (k < 0) return null;
      var l = laneByKey[C.thread[k] >= 0 ? 'thread-' + C.thread[k] : 'kernel-' + C.cpu[k]];
      if (!keepRange) reveal(C.start[k], C.end[k]);
      else if (C.end[k] < view.start || C.start[k] > view.end || !l.shown) return null;
      revealLane(l);
      draw();
      var a = Math.max(x(C.start[k]), LABEL_W), b = Math.min(Math.max(x(C.end[k]), a + 2), LABEL_W + plotW);
      var hs = heldByCall[k];
      var px = hs ? (Math.max(x(H.end[hs[0]]), a) + b) / 2 : (a + b) / 2;
      if (b - px < 2) px = (a + b) / 2;
      return clientPoint(px, l.top - container.scrollTop + PAD + C.depth[k] * ROW_H + (ROW_H - 2) / 2);
    },
    locatePhase: function (swapId, phase) {
      var s = swapById[swapId], l = laneByKey['swap-' + swapId];
      if (!s || !l) return null;
      var p = s.phases.filter(function (q) { return q.phase === phase; })[0];
      if (!p) return null;
      reveal(p.start, p.end);
      revealLane(l);
      draw();
      var box = phaseBoxes(s).filter(function (q) { return q.p === p; })[0];
      var a = Math.max(box.a, LABEL_W), b = Math.min(box.b, LABEL_W + plotW);
      return clientPoint((a + b) / 2, l.top - container.scrollTop + l.height / 2);
    },
  };

  resize();
  document.body.setAttribute('data-ready', 'true');
})();
`;
