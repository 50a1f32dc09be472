import { createHash } from 'node:crypto'

// The colleague's fault-report page carries its style and its one small script inline: the page
// is one response on a slow phone, with nothing else to fetch before it paints. The CSP allows
// exactly these two by their hashes (reportPage.ts), never inline code in general.

/** The page's style: the app's colours and sizes, light and dark. */
export const REPORT_PAGE_STYLE = `
:root{--bg:#f5f7fa;--surface:#fff;--text:#15202b;--muted:#4a5563;--border:#c9d1db;--primary:#0b5cad;--on-primary:#fff;--danger:#b3261e;--ok:#1b6e3a;--focus:#c2410c;color-scheme:light dark}
@media (prefers-color-scheme:dark){:root{--bg:#10151b;--surface:#1a222c;--text:#e8edf2;--muted:#aab4c0;--border:#3a4654;--primary:#7cb4ff;--on-primary:#0b1a2c;--danger:#ff8a80;--ok:#7bd99a;--focus:#ffb26b}}
*{box-sizing:border-box}
body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--text);background:var(--bg)}
header{background:var(--primary);color:var(--on-primary);padding:12px 16px;font-weight:700}
main{max-width:560px;margin:0 auto;padding:16px}
h1{font-size:1.5rem;margin:8px 0 12px}
h2{font-size:1.2rem;margin:0 0 8px}
.card{background:var(--surface);border:1px solid var(--border);border-radius:12px;padding:16px;margin:0 0 16px}
dl.card{display:grid;grid-template-columns:auto 1fr;gap:4px 12px}
dt{font-weight:600}dd{margin:0}
.field{margin:0 0 16px}
label{display:block;font-weight:600;margin:0 0 4px}
input,textarea{display:block;width:100%;font:inherit;color:inherit;background:var(--surface);border:1px solid var(--muted);border-radius:8px;padding:10px 12px;min-height:44px}
textarea{min-height:7em;resize:vertical}
[aria-invalid=true]{border:2px solid var(--danger)}
.hint,.muted{color:var(--muted)}
.hint{font-size:.9rem;margin:4px 0 0}
.error{color:var(--danger);font-weight:600;margin:4px 0 0}
#report-status:empty{display:none}
#report-status{color:var(--danger);font-weight:600}
button,.btn{display:inline-block;font:inherit;font-weight:700;border-radius:8px;padding:12px 20px;min-height:48px;border:0;background:var(--primary);color:var(--on-primary);text-decoration:none;cursor:pointer;width:100%;text-align:center}
.btn-plain{background:transparent;color:var(--primary);border:1px solid var(--primary)}
button[disabled]{opacity:.7}
.reference{font-size:1.3rem;letter-spacing:.05em;white-space:nowrap}
:focus-visible{outline:3px solid var(--focus);outline-offset:2px}
a{color:var(--primary)}
footer{max-width:560px;margin:0 auto;padding:0 16px 24px;font-size:.9rem}
`

/**
 * The page's script, for what a form alone cannot do: while the colleague types, the fields are
 * kept in sessionStorage and put back when the page opens again (what was typed last wins over
 * what the page came with, so a failed send or a reload loses nothing; a receipt clears them); an
 * offline phone is told so instead of getting the browser's error page.
 */
export const REPORT_PAGE_SCRIPT = `(function () {
  var form = document.getElementById('report-form')
  var key = 'superbruger-report:' + location.pathname
  var store = null
  try { store = window.sessionStorage } catch (e) {}
  if (document.body.hasAttribute('data-sent')) { if (store) store.removeItem(key); return }
  if (!form) return
  var names = ['text', 'name', 'contact', 'department']
  if (store) {
    try {
      var saved = JSON.parse(store.getItem(key) || '{}')
      names.forEach(function (n) { var el = form.elements[n]; if (el && typeof saved[n] === 'string') el.value = saved[n] })
    } catch (e) {}
  }
  form.addEventListener('input', function () {
    if (!store) return
    var values = {}
    names.forEach(function (n) { values[n] = form.elements[n].value })
    try { store.setItem(key, JSON.stringify(values)) } catch (e) {}
  })
  var button = form.querySelector('button[type=submit]')
  var label = button.textContent
  // Coming back to the page (the back button after a failed send) must not leave it disabled.
  window.addEventListener('pageshow', function () { button.disabled = false; button.textContent = label })
  form.addEventListener('submit', function (event) {
    var status = document.getElementById('report-status')
    if (!navigator.onLine) {
      event.preventDefault()
      status.textContent = form.getAttribute('data-offline')
      return
    }
    status.textContent = ''
    button.disabled = true
    button.textContent = form.getAttribute('data-sending')
  })
})()`

function sha256(text: string): string {
  return `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`
}

/** The CSP hash source of the inline style. */
export const REPORT_PAGE_STYLE_HASH = sha256(REPORT_PAGE_STYLE)
/** The CSP hash source of the inline script. */
export const REPORT_PAGE_SCRIPT_HASH = sha256(REPORT_PAGE_SCRIPT)
