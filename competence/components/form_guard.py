"""A form is sent once: from its submission until the server answers, it is marked busy and
its buttons are disabled, so a double click or a second Enter never sends it again.

The server counts its answers (AuthState.replies, moved by every handler); when the count
moves, the forms are released. A lost connection releases them after a while too."""

from __future__ import annotations

import reflex as rx
from reflex.vars.base import VarData

from competence.state.auth import AuthState

RELEASE_AFTER_MS = 15000  # a safety net only: the server's answer normally releases the form

_GUARD = """useEffect(() => {
  const release = (form) => {
    delete form.dataset.pending;
    form.removeAttribute("aria-busy");
    form.querySelectorAll("button[data-held]").forEach((b) => { b.disabled = false; delete b.dataset.held; });
  };
  const hold = (event) => {
    const form = event.target;
    if (!(form instanceof HTMLFormElement)) return;
    if (form.dataset.pending) { event.preventDefault(); event.stopImmediatePropagation(); return; }
    form.dataset.pending = "1";
    form.setAttribute("aria-busy", "true");
    // After React has read the form: a disabled button is left out of nothing it needs.
    queueMicrotask(() => form.querySelectorAll("button:not([disabled])").forEach((b) => { b.disabled = true; b.dataset.held = "1"; }));
    setTimeout(() => form.dataset.pending && release(form), %d);
  };
  window.__releaseForms = () => document.querySelectorAll("form[data-pending]").forEach(release);
  document.addEventListener("submit", hold, true);
  return () => document.removeEventListener("submit", hold, true);
}, [])""" % RELEASE_AFTER_MS


class FormGuard(rx.Fragment):
    def add_hooks(self) -> list[str | rx.Var]:
        replies = AuthState.replies
        return [
            rx.Var(_GUARD, _var_data=VarData(imports={"react": ["useEffect"]})),
            rx.Var(f"useEffect(() => {{ window.__releaseForms?.(); }}, [{replies!s}])",
                   _var_data=VarData.merge(replies._get_all_var_data(), VarData(imports={"react": ["useEffect"]}))),
        ]
