// The header's menu and search buttons are focusable spans inside Material's labels
// (templates/theme/partials/header.html): Enter and Space press them. A file, not an
// onkeydown attribute, because the Content-Security-Policy allows no inline handlers.
document.addEventListener("keydown", function (event) {
  var target = event.target;
  if (!(target instanceof Element) || !target.classList.contains("verksted-header-button")) {
    return;
  }
  if (event.key === "Enter" || event.key === " ") {
    event.preventDefault();
    target.click();
  }
});
