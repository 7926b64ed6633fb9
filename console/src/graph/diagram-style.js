// Cytoscape's stylesheet for the workflow diagram.
import { STATUS_COLORS } from './style.js';

const statusRules = Object.entries(STATUS_COLORS).map(([status, color]) => ({
  selector: `node[status = "${status}"]`,
  style: { 'background-color': color, color: '#ffffff', 'border-color': color },
}));

export const DIAGRAM_STYLE = [
  {
    selector: 'node',
    style: {
      shape: 'round-rectangle',
      width: 'data(w)',
      height: 'data(h)',
      'background-color': '#ffffff',
      'border-width': 1.5,
      'border-color': '#90a4ae',
      label: 'data(text)',
      'text-wrap': 'wrap',
      'text-max-width': 160,
      'text-valign': 'center',
      'text-halign': 'center',
      'font-size': 11,
      'font-family': 'system-ui, sans-serif',
      color: '#263238',
      'min-zoomed-font-size': 6, // labels too small to read are not drawn
    },
  },
  { selector: 'node[kind = "start"], node[kind = "end"]', style: { shape: 'ellipse', 'font-size': 10 } },
  { selector: 'node[kind = "loopEnd"]', style: { shape: 'diamond', label: '' } },
  { selector: 'node[taskType = "SWITCH"], node[taskType = "DECISION"]', style: { shape: 'cut-rectangle' } },
  { selector: 'node[taskType = "FORK_JOIN"], node[taskType = "JOIN"], node[taskType = "FORK_JOIN_DYNAMIC"]', style: { shape: 'barrel' } },
  { selector: 'node[taskType = "DO_WHILE"]', style: { shape: 'tag' } },
  { selector: 'node[taskType = "SUB_WORKFLOW"]', style: { 'border-width': 4, 'border-style': 'double' } },
  { selector: 'node[kind = "compensation"]', style: { 'border-style': 'dotted', 'border-width': 2 } },
  { selector: 'node[mode = "observe"]', style: { 'border-style': 'dashed', 'border-width': 2.5 } },
  ...statusRules,
  { selector: 'node[mode = "observe"][status]', style: { 'border-color': '#37474f' } },
  { selector: 'node:selected', style: { 'outline-width': 4, 'outline-color': '#ffca28', 'outline-offset': 3, 'overlay-opacity': 0 } },
  {
    selector: 'edge',
    style: {
      width: 1.5,
      'line-color': '#90a4ae',
      'target-arrow-color': '#90a4ae',
      'target-arrow-shape': 'triangle',
      'arrow-scale': 0.8,
      'curve-style': 'taxi',
      'taxi-direction': 'downward',
      'taxi-turn': 20,
      label: 'data(label)',
      'font-size': 10,
      'text-background-color': '#ffffff',
      'text-background-opacity': 1,
      'text-background-padding': 2,
      color: '#455a64',
      'min-zoomed-font-size': 6,
    },
  },
  { selector: 'edge[state = "taken"]', style: { width: 3, 'line-color': '#2e7d32', 'target-arrow-color': '#2e7d32' } },
  { selector: 'edge[state = "not-taken"]', style: { 'line-style': 'dashed', 'line-color': '#cfd8dc', 'target-arrow-color': '#cfd8dc', color: '#b0bec5' } },
  { selector: 'edge[kind = "loop"]', style: { 'curve-style': 'bezier', 'control-point-step-size': 120, 'line-style': 'dashed', 'line-color': '#6a1b9a', 'target-arrow-color': '#6a1b9a', color: '#6a1b9a' } },
  { selector: 'edge[kind = "compensation"]', style: { 'curve-style': 'bezier', 'line-style': 'dotted', 'line-color': '#ef6c00', 'target-arrow-color': '#ef6c00', color: '#ef6c00' } },
];

/** For large diagrams zoomed in: straight edges, cheaper to route and draw than right-angled ones. */
export const LARGE_LABELLED_STYLE = [
  ...DIAGRAM_STYLE,
  { selector: 'edge', style: { 'curve-style': 'straight' } },
];

/**
 * For large diagrams as first drawn (zoomed out, where labels are too small to read): the shapes
 * and colours only — no label, so none is measured, and no text property to work out for each of
 * the elements; straight edges. diagram.jsx switches to LARGE_LABELLED_STYLE when zoomed in far enough.
 */
export const LARGE_DIAGRAM_STYLE = [
  {
    selector: 'node',
    style: {
      shape: 'round-rectangle', width: 'data(w)', height: 'data(h)',
      'background-color': '#ffffff', 'border-width': 1.5, 'border-color': '#90a4ae',
    },
  },
  ...DIAGRAM_STYLE.filter((r) => r.selector.startsWith('node[') && !r.selector.includes('status')),
  ...Object.entries(STATUS_COLORS).map(([status, color]) => ({
    selector: `node[status = "${status}"]`, style: { 'background-color': color, 'border-color': color },
  })),
  { selector: 'node[mode = "observe"][status]', style: { 'border-color': '#37474f' } },
  { selector: 'node:selected', style: { 'outline-width': 4, 'outline-color': '#ffca28', 'outline-offset': 3, 'overlay-opacity': 0 } },
  {
    selector: 'edge',
    style: {
      width: 1.5, 'line-color': '#90a4ae', 'target-arrow-color': '#90a4ae', 'target-arrow-shape': 'triangle',
      'arrow-scale': 0.8, 'curve-style': 'straight',
    },
  },
  ...DIAGRAM_STYLE.filter((r) => r.selector.startsWith('edge[')).map((r) => ({
    selector: r.selector,
    style: Object.fromEntries(Object.entries(r.style).filter(([k]) => k !== 'color')),
  })),
];

/** The zoom from which labels (11 px) reach the smallest size drawn (6 px). */
export const LABEL_ZOOM = 6 / 11;
