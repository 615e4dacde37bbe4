// Loaded before Decap: verksted-cms.js registers the record formats first, then starts Decap.
window.CMS_MANUAL_INIT = true;
