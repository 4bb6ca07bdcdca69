// The load generator of benchmarks/load.py: simulated learners speaking Reflex's event protocol
// over socket.io, the same protocol as the Python clients of load.py, in worker threads.
//
//     node loadgen.mjs CONFIG.json
//
// CONFIG (written by load.py): {url, mode: "app" | "echo", names: {hydrate, token_var, check_code,
// accept, start, load, validate, next}, tokens: [one session token per learner], code, interval,
// duration, ramp_per_s, threads, t0 (epoch ms of the first connection), out (where the result goes),
// join (false: the learners are in the group already and skip check_code and accept)}.
//
// A learner: connects (socket.io at path and namespace /_event, a fresh tab token in the query, the
// hydrate event with its session token in the CONNECT packet), joins the group (check_code, accept),
// starts a dimension (start, load), then answers every `interval` seconds: « Valider » (validate)
// then « Suivant » (next); a finished test starts the next dimension. An event is over when the
// update carrying the var it changes arrives (Reflex sends no "done" marker; a tab's events run in
// order). In "echo" mode the same learners send the same events at the same times to a bare
// socket.io server that answers each one at once (the floor).
//
// The result (JSON at `out`): counts, the first errors, and one record per event: its kind, its
// round trip in ms and when it ended (epoch ms), for load.py to cut into windows.

import { randomUUID } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { isMainThread, parentPort, Worker, workerData } from "node:worker_threads";
import { io } from "socket.io-client";

const EVENT_TIMEOUT_MS = 30_000;
// "validate" is an acknowledged answer, "refused" a validate the app turned down.
const KINDS = ["check_code", "accept", "start", "load", "validate", "next", "refused"];

// The vars whose arrival ends each event; null: any value. An empty list: the first update will do.
const DONE_WHEN = {
  hydrate: [["is_hydrated_rx_state_", true]],
  check_code: [["consent_open_rx_state_", null], ["errors_rx_state_", null]],
  accept: [["consent_open_rx_state_", null]],
  start: [],
  load: [["phase_rx_state_", null]],
  validate: [["phase_rx_state_", null], ["errors_rx_state_", null]],
  next: [["phase_rx_state_", null], ["position_rx_state_", null]],
};

const now = () => performance.timeOrigin + performance.now();
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));

function isDone(delta, wanted) {
  if (wanted.length === 0) return true;
  for (const state of Object.values(delta)) {
    if (state === null || typeof state !== "object") continue;
    for (const [key, value] of wanted) {
      if (key in state && (value === null || state[key] === value)) return true;
    }
  }
  return false;
}

function varOf(delta, key) {
  for (const state of Object.values(delta)) {
    if (state !== null && typeof state === "object" && key in state) return state[key];
  }
  return undefined;
}

class Learner {
  constructor(config, token, record, counts) {
    this.config = config;
    this.token = token;
    this.record = record;
    this.counts = counts;
    this.pending = null; // {wanted, resolve, reject, timer}
    this.delta = {};
  }

  event(name, payload, path) {
    return {
      name: this.config.names[name] ?? name,
      payload,
      router_data: { pathname: path, asPath: path, query: {} },
    };
  }

  onUpdate(update) {
    const delta = (update && update.delta) || {};
    Object.assign(this.delta, delta);
    const pending = this.pending;
    if (pending && isDone(delta, pending.wanted)) {
      this.pending = null;
      clearTimeout(pending.timer);
      pending.resolve(update);
    }
  }

  wait(wanted, what) {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending = null;
        reject(new Error(`no answer to ${what} within ${EVENT_TIMEOUT_MS / 1000} s`));
      }, EVENT_TIMEOUT_MS);
      this.pending = { wanted, resolve, reject, timer };
    });
  }

  async connect(path) {
    const { url, names, mode } = this.config;
    const hydrate = this.event("hydrate", { vars: { [names.token_var]: this.token } }, path);
    this.socket = io(`${url}/_event`, {
      path: "/_event",
      transports: ["websocket"],
      query: { token: randomUUID() },
      auth: { event: hydrate },
      reconnection: false,
      forceNew: true,
      timeout: EVENT_TIMEOUT_MS,
      extraHeaders: { origin: url },
    });
    this.socket.on("event", (update) => this.onUpdate(update));
    const failed = new Promise((_, reject) => {
      this.socket.on("connect_error", (error) => reject(new Error(`connect: ${error.message}`)));
      this.socket.on("disconnect", (reason) => {
        if (this.pending) this.pending.reject(new Error(`disconnected: ${reason}`));
      });
    });
    // The echo server ignores the hydrate: being connected is its answer.
    const ready = mode === "echo"
      ? new Promise((resolve) => this.socket.on("connect", resolve))
      : this.wait(DONE_WHEN.hydrate, "hydrate");
    await Promise.race([ready, failed]);
    this.counts.connected += 1;
  }

  async send(name, payload, path) {
    const wanted = this.config.mode === "echo" ? [] : DONE_WHEN[name];
    this.delta = {};
    const started = now();
    const done = this.wait(wanted, name);
    this.socket.emit("event", this.event(name, payload, path));
    await done;
    const ended = now();
    let kind = name;
    if (name === "validate") {
      const acknowledged = this.config.mode === "echo" || varOf(this.delta, "phase_rx_state_") === "feedback";
      kind = acknowledged ? "validate" : "refused";
      this.counts[acknowledged ? "acknowledged" : "refused"] += 1;
    }
    this.record(KINDS.indexOf(kind), ended - started, ended);
    this.counts.events += 1;
  }

  async joinAndStart(code) {
    if (this.config.join !== false) {
      await this.send("check_code", { form_data: { code } }, "/groupes");
      await this.send("accept", {}, "/groupes");
    }
    await this.send("start", { dimension: 1 }, "/tableau-de-bord");
    await this.send("load", {}, "/positionnement");
  }

  async answer(dimension) {
    await this.send("validate", { form_data: { choice: String(Math.floor(Math.random() * 3)) } }, "/positionnement");
    await this.send("next", {}, "/positionnement");
    const after = varOf(this.delta, "phase_rx_state_");
    if (after === "done" || after === "none") {
      dimension.value = (dimension.value % 12) + 1;
      await this.send("start", { dimension: dimension.value }, "/tableau-de-bord");
      await this.send("load", {}, "/positionnement");
    }
  }

  close() {
    if (this.socket) this.socket.disconnect();
  }
}

async function runLearner(config, index, token, record, counts, errors, joined) {
  const { interval, ramp_per_s, t0 } = config;
  const until = t0 + (config.clients / ramp_per_s + config.duration) * 1000;
  await sleep(t0 + (index / ramp_per_s) * 1000 - now());
  const learner = new Learner(config, token, record, counts);
  try {
    // A learner in the group already opens the test's page; a new one, « Mes groupes ».
    await learner.connect(config.join === false ? "/positionnement" : "/groupes");
    await learner.joinAndStart(config.code);
    joined();
    const dimension = { value: 1 };
    // Spread the answers over the interval; the load ends at `until` whatever the interval.
    await sleep(Math.min(Math.random() * interval * 1000, until - now()));
    while (now() < until) {
      const started = now();
      await learner.answer(dimension);
      await sleep(Math.min(interval * 1000 - (now() - started), until - now()));
    }
  } catch (error) {
    joined();
    counts.errors += 1;
    if (errors.length < 5) errors.push(String(error && error.message ? error.message : error));
  } finally {
    learner.close();
  }
}

function once(f) {
  let called = false;
  return () => {
    if (!called) { called = true; f(); }
  };
}

async function worker() {
  const { config, indices } = workerData;
  const counts = { connected: 0, events: 0, errors: 0, acknowledged: 0, refused: 0 };
  const errors = [];
  const kind = [], rtt = [], at = [];
  const record = (k, ms, ended) => { kind.push(k); rtt.push(ms); at.push(ended); };
  const progress = setInterval(() => parentPort.postMessage({ progress: counts }), 5000);
  // Every learner of this thread joined and started (or failed): the main thread says when all have.
  let settled = 0;
  const joined = () => {
    settled += 1;
    if (settled === indices.length) parentPort.postMessage({ joined: true });
  };
  await Promise.all(indices.map((i) => runLearner(config, i, config.tokens[i], record, counts, errors, once(joined))));
  clearInterval(progress);
  parentPort.postMessage({ done: { counts, errors, kind, rtt, at } });
}

function main() {
  const config = JSON.parse(readFileSync(process.argv[2], "utf8"));
  config.clients = config.tokens.length;
  const threads = Math.max(1, Math.min(config.threads || 1, config.clients));
  const total = { connected: 0, events: 0, errors: 0, acknowledged: 0, refused: 0 };
  const errors = [], kind = [], rtt = [], at = [];
  const progress = new Array(threads).fill(null);
  let finished = 0, joined = 0;
  const report = setInterval(() => {
    const sum = (key) => progress.reduce((s, p) => s + (p ? p[key] : 0), 0);
    process.stderr.write(`loadgen: connected ${sum("connected")} events ${sum("events")} errors ${sum("errors")}\n`);
  }, 10_000);
  for (let t = 0; t < threads; t++) {
    const indices = [];
    for (let i = t; i < config.clients; i += threads) indices.push(i);
    const thread = new Worker(new URL(import.meta.url), { workerData: { config, indices } });
    thread.on("message", (message) => {
      if (message.progress) progress[t] = message.progress;
      // On stdout, for load.py: the moment every learner is in its answer loop (or failed).
      if (message.joined && ++joined === threads) process.stdout.write(`joined ${now()}\n`);
      if (!message.done) return;
      const done = message.done;
      for (const key of Object.keys(total)) total[key] += done.counts[key];
      errors.push(...done.errors);
      for (let i = 0; i < done.kind.length; i++) {
        kind.push(done.kind[i]); rtt.push(done.rtt[i]); at.push(done.at[i]);
      }
      finished += 1;
      if (finished === threads) {
        clearInterval(report);
        writeFileSync(config.out, JSON.stringify({ ...total, kinds: KINDS, first_errors: errors.slice(0, 5), kind, rtt, at }));
      }
    });
    thread.on("error", (error) => {
      process.stderr.write(`loadgen: thread ${t} failed: ${error.stack || error}\n`);
      process.exitCode = 1;
    });
  }
}

if (isMainThread) main();
else worker();
