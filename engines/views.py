"""The workflow engine's one undo page, for every stateful object of every app.

Only the holder of the workflow's undo permission (a system administrator)
may undo; the engine takes back the last step not yet undone and rewinds what
it created, or refuses naming what blocks it. The page says exactly which step
goes and which state the object returns to. An app's view finds the object
(its visibility rule) and hands it here.
"""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from engines.forms import UndoForm
from engines.workflow import ReasonRequired, TransitionNotAllowed, Workflow
from wards.permissions import require_perm


def undo_page(request, obj, workflow: Workflow, subject: str):
    require_perm(request, workflow.undo_permission, obj)
    back = obj.get_absolute_url()
    form = UndoForm(request.POST if request.method == "POST" else None)
    if form.is_valid():
        try:
            workflow.undo_last(obj, request.user, reason=form.cleaned_data["reason"])
        except ReasonRequired as error:
            form.add_error("reason", str(error))
        except TransitionNotAllowed as error:
            messages.error(request, str(error))
            return redirect(back)
        else:
            messages.success(
                request,
                _("The last change has been undone: it is back to “%(state)s”.")
                % {"state": obj.get_state_display()},
            )
            return redirect(back)
    last = workflow.last_undoable(obj)
    context = {
        "subject": subject,
        "state_label": obj.get_state_display(),
        "back": back,
        "form": form,
        "last": last,
        "last_action": workflow.action_label(last.transition) if last else "",
        "back_to": workflow.state_label(last.from_state) if last else "",
    }
    return render(request, "workflow/undo_form.html", context)
