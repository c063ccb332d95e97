"""Charts as Vega-Lite specifications (built with Altair), rendered to SVG on the server with
vl-convert: the same chart in pages, exports and reports, no JavaScript in the browser. Each
chart goes with a data table on the page (its text equivalent)."""
