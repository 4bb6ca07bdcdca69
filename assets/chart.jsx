// A chart of the app: a figure from the server ({data, layout}) drawn by Plotly's basic bundle,
// as Reflex's rx.plotly.basic draws it (the same Plotly, figure and configuration), with two
// differences for a slow tablet:
// - the bundle is fetched once, the first time a chart is to be shown (never on a page without one);
// - the charts of a page are drawn one after the other, each in its own task: the first one shows
//   without waiting for the others, and the page answers taps between two charts.
import { useEffect, useRef } from "react";

const CONFIG = { displayModeBar: false, responsive: true };
// react-plotly.js's own box (inline-block, relative), as wide as the figure.
const BOX = { position: "relative", display: "inline-block", width: "100%" };

let plotly = null;
function loadPlotly() {
  plotly ??= import("plotly.js-basic-dist-min").then((module) => module.default ?? module);
  return plotly;
}

let drawing = Promise.resolve(); // the charts waiting to be drawn, in the order they were shown
const nextTask = () => new Promise((resolve) => setTimeout(resolve, 0));

export function Chart({ figure }) {
  const node = useRef(null);

  useEffect(() => {
    let current = true;
    drawing = drawing
      .then(loadPlotly)
      .then(async (Plotly) => {
        await nextTask();
        if (current && node.current) {
          await Plotly.react(node.current, figure?.data ?? [], figure?.layout ?? {}, CONFIG);
        }
      })
      .catch((error) => console.error("chart", error));
    return () => {
      current = false;
    };
  }, [figure]);

  useEffect(() => {
    const element = node.current;
    return () => {
      plotly?.then((Plotly) => Plotly.purge(element));
    };
  }, []);

  return <div ref={node} style={BOX} />;
}
