// The timeline (Gantt) of an execution's task attempts, drawn by ECharts: one row per reference
// name, one bar per attempt from its start (or scheduling) to its end (or now), in its status colour.
import { useEffect, useRef } from 'preact/hooks';
import * as echarts from 'echarts/core';
import { CustomChart } from 'echarts/charts';
import { GridComponent, TooltipComponent, DataZoomComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import { statusColor } from '../graph/style.js';

echarts.use([CustomChart, GridComponent, TooltipComponent, DataZoomComponent, CanvasRenderer]);

const MAX_ROWS = 200;

export function timelineData(tasks, now = Date.now()) {
  const rows = [];
  const index = new Map();
  const bars = [];
  for (const t of [...tasks].sort((a, b) => (a.seq || 0) - (b.seq || 0))) {
    const from = t.startTime || t.scheduledTime;
    if (!from) continue;
    if (!index.has(t.referenceTaskName)) {
      if (rows.length >= MAX_ROWS) continue;
      index.set(t.referenceTaskName, rows.length);
      rows.push(t.referenceTaskName);
    }
    bars.push({ value: [index.get(t.referenceTaskName), from, Math.max(t.endTime || now, from + 1), t.status], name: t.referenceTaskName });
  }
  return { rows, bars };
}

function renderBar(params, api) {
  const row = api.value(0);
  const a = api.coord([api.value(1), row]);
  const b = api.coord([api.value(2), row]);
  const h = api.size([0, 1])[1] * 0.6;
  return {
    type: 'rect',
    shape: { x: a[0], y: a[1] - h / 2, width: Math.max(2, b[0] - a[0]), height: h },
    style: { fill: statusColor(api.value(3)) },
  };
}

export function Timeline({ tasks }) {
  const box = useRef(null);
  const chart = useRef(null);
  useEffect(() => {
    if (!box.current) return;
    if (!chart.current) chart.current = echarts.init(box.current, null, { renderer: 'canvas' });
    const { rows, bars } = timelineData(tasks || []);
    chart.current.setOption({
      animation: false,
      grid: { left: 140, right: 20, top: 10, bottom: 30 },
      tooltip: { formatter: (p) => `${p.name}: ${p.value[3]}, ${p.value[2] - p.value[1]} ms` },
      xAxis: { type: 'time' },
      yAxis: { type: 'category', data: rows, inverse: true, axisLabel: { width: 130, overflow: 'truncate' } },
      dataZoom: rows.length > 20 ? [{ type: 'slider', yAxisIndex: 0, start: 0, end: Math.min(100, 2000 / rows.length), width: 12, right: 4 }] : [],
      series: [{ type: 'custom', renderItem: renderBar, encode: { x: [1, 2], y: 0 }, data: bars }],
    }, true);
  }, [tasks]);
  useEffect(() => () => chart.current && chart.current.dispose(), []);
  const rows = new Set((tasks || []).map((t) => t.referenceTaskName)).size;
  return <div class="timeline" ref={box} style={{ height: `${Math.min(400, 40 + 22 * Math.min(rows, 20))}px` }} data-bars={(tasks || []).length} />;
}
