"""How a task's status looks: its label in text and a colour, never the colour alone."""

from django import template

from plans.models import TaskState

register = template.Library()

STATE_BADGES = {
    TaskState.NOT_STARTED: "text-bg-secondary",
    TaskState.IN_PROGRESS: "text-bg-primary",
    TaskState.DONE: "text-bg-success",
    TaskState.CANCELLED: "text-bg-light border",
}


@register.filter
def state_badge(state: str) -> str:
    """The badge class of a task's state."""
    return STATE_BADGES.get(state, "text-bg-secondary")


@register.filter
def state_label(state: str) -> str:
    return str(TaskState(state).label) if state in TaskState.values else state
