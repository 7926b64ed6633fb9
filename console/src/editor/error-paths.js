// Where a validation error's path ("$.tasks[0].name") is in a definition's JSON or YAML text.
import { findNodeAtLocation, parseTree } from 'jsonc-parser';
import { parseDocument } from 'yaml';

/** "$.tasks[0].name" → ['tasks', 0, 'name'] */
export function pathSegments(path) {
  const segs = [];
  const re = /\.([^.[\]]+)|\[(\d+)\]|\['([^']*)'\]/g;
  let m;
  const body = String(path || '').replace(/^\$/, '');
  while ((m = re.exec(body))) segs.push(m[1] !== undefined ? m[1] : m[2] !== undefined ? Number(m[2]) : m[3]);
  return segs;
}

/** The range {from, to} of the deepest part of the path present in the text, or null. */
export function rangeOf(text, path, format) {
  const segs = pathSegments(path);
  for (let n = segs.length; n >= 0; n--) {
    const r = format === 'yaml' ? yamlRange(text, segs.slice(0, n)) : jsonRange(text, segs.slice(0, n));
    if (r) return r;
  }
  return null;
}

function jsonRange(text, segs) {
  const root = parseTree(text);
  if (!root) return null;
  const node = findNodeAtLocation(root, segs);
  if (!node) return null;
  // a property's value: point at "key": value, so the field is marked by its name
  const target = node.parent && node.parent.type === 'property' ? node.parent : node;
  return { from: target.offset, to: target.offset + target.length };
}

function yamlRange(text, segs) {
  const doc = parseDocument(text);
  if (!segs.length) return doc.contents && doc.contents.range ? { from: doc.contents.range[0], to: doc.contents.range[1] } : null;
  const parent = segs.length > 1 ? doc.getIn(segs.slice(0, -1), true) : doc.contents;
  const last = segs[segs.length - 1];
  if (parent && parent.items) {
    if (typeof last === 'number') {
      const item = parent.items[last];
      if (item && item.range) return { from: item.range[0], to: item.range[1] };
    } else {
      const pair = parent.items.find((p) => p.key && String(p.key.value !== undefined ? p.key.value : p.key) === last);
      if (pair && pair.key && pair.key.range) {
        const end = pair.value && pair.value.range ? pair.value.range[1] : pair.key.range[1];
        return { from: pair.key.range[0], to: end };
      }
    }
  }
  return null;
}
