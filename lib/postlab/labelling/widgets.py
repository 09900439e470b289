"""The labelling notebook's buttons: a thin skin over ``LabellingSession``.

One button per value plus skip, not sure and back, and a key box: with the
cursor in it, pressing 1, 2, ... answers, s skips, n is "not sure", b goes
back (shown on the buttons). The widget's text form names no post, so a
saved notebook output holds no post text; and no post is shown until someone
presses *start* (or a key), so a notebook run without a person (papermill,
nbconvert), whose saved widget state would keep what the widgets held, holds
no post text there either.
"""

from __future__ import annotations

import ipywidgets as widgets

from postlab.labelling.session import BACK_KEY, NOT_SURE_KEY, SKIP_KEY, LabellingSession
from postlab.labelling.store import NOT_SURE
from postlab.markup import html_text


class LabellingWidget(widgets.VBox):
    """Shows ``session.current`` and turns clicks and keys into the session's answers."""

    def __init__(self, session: LabellingSession) -> None:
        self.session = session
        self.started = False
        self.progress = widgets.IntProgress(min=0, max=max(session.in_scope, 1))
        self.header = widgets.HTML()
        self.so_far = widgets.HTML()
        self.text = widgets.HTML(layout=widgets.Layout(max_width="42em"))
        self.hint = widgets.HTML()
        self.buttons = {
            value: self._button(f"{value} [{key}]", "primary", lambda v=value: session.answer(v))
            for key, value in session.keys.items()
            if value in session.values
        }
        self.buttons["skip"] = self._button(f"skip [{SKIP_KEY}]", "", session.skip)
        self.buttons[NOT_SURE] = self._button(f"not sure [{NOT_SURE_KEY}]", "", session.not_sure)
        self.buttons["back"] = self._button(f"back [{BACK_KEY}]", "", session.back)
        self.start_button = self._button("start", "success", lambda: None)
        self.key_box = widgets.Text(
            placeholder="click here, then type 1, 2, ... s, n or b",
            continuous_update=True,
            layout=widgets.Layout(width="22em"),
        )
        self.key_box.observe(self._on_key, names="value")
        super().__init__(
            [
                self.progress,
                self.header,
                self.text,
                self.hint,
                widgets.HBox([self.start_button, *self.buttons.values()]),
                self.key_box,
                self.so_far,
            ]
        )
        self.refresh()

    def _button(self, label: str, style: str, action) -> widgets.Button:
        button = widgets.Button(description=label, button_style=style)
        button.on_click(lambda _: self._act(action))
        return button

    def start(self) -> None:
        """Show the first post: only now does any post text reach the widgets."""
        self.started = True
        self.refresh()

    def _act(self, action) -> None:
        if not self.started:  # nobody has seen a post yet: the first press only starts
            self.start()
            return
        if not self.session.done or action == self.session.back:
            action()
        self.refresh()

    def _on_key(self, change) -> None:
        typed = change["new"]
        if typed:
            if self.started:
                self.session.press(typed[-1])
            self.key_box.value = ""
            self.start()

    def refresh(self) -> None:
        """Show the current post (scrubbed) and the progress."""
        session, post = self.session, self.session.current
        self.progress.value = session.answered
        self.progress.description = f"{session.answered:,}/{session.in_scope:,}"
        self.so_far.value = "<b>Labelled so far</b>" + session.counts().to_html(
            index=False, border=0
        )
        self.start_button.layout.display = "none" if self.started else None
        for name in (*session.values, "skip", NOT_SURE):
            self.buttons[name].disabled = post is None or not self.started
        if not self.started:
            self.header.value = "Press <b>start</b> (or a key in the box) to see the first post."
            self.text.value = self.hint.value = ""
            return
        if post is None:
            self.header.value = "<b>Done.</b> Every post in this session has an answer."
            self.text.value = self.hint.value = ""
            return
        self.header.value = html_text(f"{post.published} · {post.account} · {post.platform}")
        if post.url:
            self.header.value += (
                f" · <a href='{html_text(post.url)}' target='_blank' "
                "rel='noopener noreferrer'>open the post ↗</a> (to see its picture or video)"
            )
        self.text.value = "<blockquote>{}</blockquote>".format(
            html_text(post.text).replace("\n", "<br>")
        )
        hints = []
        if post.label:
            hints.append(f"labelled {post.label} before")
        if post.suggestion:
            hints.append(f"suggested: {post.suggestion} ({post.confidence:.0%} sure)")
        self.hint.value = html_text("; ".join(hints))

    def __repr__(self) -> str:  # what a saved notebook keeps: no post text
        session = self.session
        return (
            f"LabellingWidget({session.column}: {session.answered} of {session.in_scope} answered)"
        )
