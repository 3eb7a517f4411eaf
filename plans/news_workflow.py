"""The news items' workflow: district staff publish a draft, withdraw it with a reason, take it back to draft.

Same engine as every stateful object of the portal (locked, permission- and
state-checked, kept in the history, undoable by an administrator with a
reason). Publishing is confirmed on its own page: the item becomes public at
once. Only a draft is edited, so what the public reads is always the text that
was confirmed; to correct a published item, withdraw it, take it back to
draft, edit and publish again.
"""

from django.utils.translation import gettext_lazy as _

from engines.workflow import Transition, Workflow
from plans.models import NewsItem, NewsItemChange, NewsState

S = NewsState

NEWS_WORKFLOW = Workflow(
    model=NewsItem,
    history_model=NewsItemChange,
    subject_field="item",
    undo_permission="plans.undo_transition",
    transitions=[
        Transition(
            "publish",
            _("Publish on the public news page"),
            frozenset({S.DRAFT}),
            S.PUBLISHED,
            "plans.manage_news",
            style="success",
        ),
        Transition(
            "withdraw",
            _("Withdraw from the public page with a reason"),
            frozenset({S.PUBLISHED}),
            S.WITHDRAWN,
            "plans.manage_news",
            reason_required=True,
            style="warning",
        ),
        Transition(
            "redraft",
            _("Back to draft"),
            frozenset({S.WITHDRAWN}),
            S.DRAFT,
            "plans.manage_news",
            style="secondary",
        ),
    ],
)


def last_withdraw_reason(item: NewsItem) -> str:
    """Why the item was withdrawn (shown to the staff while it is withdrawn), else ``""``."""
    if item.state != S.WITHDRAWN:
        return ""
    change = NEWS_WORKFLOW.latest_change(item, "withdraw")
    return change.reason if change else ""
