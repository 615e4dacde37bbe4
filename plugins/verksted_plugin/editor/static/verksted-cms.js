// Starts Decap CMS for a verksted portal: registers the canonical record formats (so the
// editor saves what `verksted fmt` writes), the preview, and shows a message instead of a
// broken editor when the site has no git backend configured.
import * as YAML from "./yaml/index.js";
import { decapFormat } from "./canonical.js";
import { workshopPreview } from "./verksted-preview.js";

const LOCAL_HOSTS = ["localhost", "127.0.0.1"];

function showMessage(id) {
  document.getElementById("verksted-admin-message").hidden = false;
  document.getElementById(id).hidden = false;
}

// Is `make edit` (decap-server) running? Decap asks the same question, the same way.
async function proxyRunning(url) {
  if (!LOCAL_HOSTS.includes(location.hostname)) return false;
  try {
    const response = await fetch(url, {
      method: "POST", headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ action: "info" }),
    });
    const info = await response.json();
    return typeof info.repo === "string";
  } catch {
    return false;
  }
}

// Phrases Decap's bokmål locale lacks (it would show English "Add …" on list buttons).
const NB_GAPS = {
  editor: {
    editorWidgets: {
      list: { add: "Legg til %{item}", addType: "Legg til %{item}" },
      object: { expand: "Vis", collapse: "Skjul" },
      datetime: { setToNow: "Sett %{fieldLabel} til nå" },
    },
  },
};

function fillGaps(target, gaps) {
  for (const [name, value] of Object.entries(gaps)) {
    if (value && typeof value === "object") {
      target[name] = fillGaps({ ...(target[name] || {}) }, value);
    } else if (!(name in target)) {
      target[name] = value;
    }
  }
  return target;
}

function fillLocaleGaps(CMS) {
  const phrases = typeof CMS.getLocale === "function" ? CMS.getLocale("nb_no") : null;
  if (phrases) CMS.registerLocale("nb_no", fillGaps({ ...phrases }, NB_GAPS));
}

async function start() {
  const settings = await (await fetch("verksted-editor.json")).json();
  if (!settings.installed || window.VERKSTED_NO_DECAP || !window.CMS) {
    showMessage("verksted-not-installed");
    return;
  }
  if (!settings.configured && !(await proxyRunning(settings.proxy))) {
    showMessage("verksted-unconfigured");
    return;
  }
  const CMS = window.CMS;
  fillLocaleGaps(CMS);
  for (const [kind, order] of Object.entries(settings.orders)) {
    const frontMatter = kind === "workshop";
    CMS.registerCustomFormat(`verksted-${kind}`, frontMatter ? "md" : "yml",
      decapFormat(YAML, order, frontMatter));
  }
  for (const style of settings.previewStyles || []) {
    CMS.registerPreviewStyle(new URL(style, location.href).href);
  }
  CMS.registerPreviewStyle(new URL("admin.css", location.href).href);
  CMS.registerPreviewTemplate("workshops", workshopPreview(window.h));
  CMS.init();
}

start();
