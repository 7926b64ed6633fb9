// A definition's text in CodeMirror (JSON or YAML), with the server's validation errors marked
// at the fields they name.
import { useEffect, useRef } from 'preact/hooks';
import { EditorView, basicSetup } from 'codemirror';
import { EditorState } from '@codemirror/state';
import { json } from '@codemirror/lang-json';
import { yaml } from '@codemirror/lang-yaml';
import { lintGutter, setDiagnostics } from '@codemirror/lint';
import { rangeOf } from './error-paths.js';

export function DefinitionEditor({ text, format, errors, onChange }) {
  const box = useRef(null);
  const view = useRef(null);
  const change = useRef(onChange);
  change.current = onChange;

  useEffect(() => {
    const v = new EditorView({
      parent: box.current,
      state: EditorState.create({
        doc: text,
        extensions: [basicSetup, format === 'yaml' ? yaml() : json(), lintGutter(),
          EditorView.updateListener.of((u) => u.docChanged && change.current(u.state.doc.toString()))],
      }),
    });
    view.current = v;
    box.current.view = v; // for the browser tests: edits go through CodeMirror's own transactions
    return () => v.destroy();
  }, [format]);

  useEffect(() => {
    const v = view.current;
    if (v && v.state.doc.toString() !== text) v.dispatch({ changes: { from: 0, to: v.state.doc.length, insert: text } });
  }, [text]);

  useEffect(() => {
    const v = view.current;
    if (!v) return;
    const doc = v.state.doc.toString();
    const diagnostics = (errors || []).map((e) => {
      const r = rangeOf(doc, e.path, format) || { from: 0, to: 0 };
      return { from: r.from, to: Math.min(r.to, doc.length), severity: 'error', message: `${e.path}: ${e.message}` };
    });
    v.dispatch(setDiagnostics(v.state, diagnostics));
    if (diagnostics.length) { // bring the first field at fault into view
      v.dispatch({ selection: { anchor: diagnostics[0].from }, scrollIntoView: true });
    }
  }, [errors, format]);

  return <div class="editor" ref={box} data-format={format} />;
}
