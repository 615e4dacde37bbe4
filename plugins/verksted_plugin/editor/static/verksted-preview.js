// The editor's preview of a workshop, shaped like the published page (the site's own
// stylesheets are registered as preview styles). Dates as on the site: "6. mai 2030 kl. 18.00".

const MONTHS = ["januar", "februar", "mars", "april", "mai", "juni", "juli", "august",
  "september", "oktober", "november", "desember"];
const WHEN = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{1,2})[:.](\d{2}))?/;
const TIME = /^(\d{1,2})[:.](\d{2})$/;

export function norwegianWhen(start, end) {
  const found = WHEN.exec(String(start || ""));
  if (!found) return "";
  const [, year, month, day, hour, minute] = found;
  let text = `${Number(day)}. ${MONTHS[Number(month) - 1]} ${year}`;
  if (hour !== undefined) text += ` kl. ${hour.padStart(2, "0")}.${minute}`;
  const endText = String(end || "");
  const endFound = WHEN.exec(endText) || TIME.exec(endText);
  if (hour !== undefined && endFound) {
    const [endHour, endMinute] = endFound.length > 3 ? [endFound[4], endFound[5]] : [endFound[1], endFound[2]];
    if (endHour !== undefined) text += `–${endHour.padStart(2, "0")}.${endMinute}`;
  }
  return text;
}

export function workshopPreview(h) {
  return function WorkshopPreview({ entry, widgetFor }) {
    const data = entry.get("data");
    const location = data.get("location");
    const place = location ? [location.get("name"), location.get("room"), location.get("address")]
      .filter(Boolean).join(", ") : "";
    return h("div", { className: "md-content verksted-preview" },
      h("article", { className: "md-content__inner md-typeset" },
        h("h1", {}, data.get("title") || "Uten tittel"),
        h("p", { className: "verksted-preview__when" }, norwegianWhen(data.get("start"), data.get("end"))),
        place ? h("p", { className: "verksted-preview__where" }, place) : null,
        h("h2", {}, "Oppsummering"),
        h("div", {}, widgetFor("body"))));
  };
}
