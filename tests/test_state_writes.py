"""Only the workflow engine writes a state: the source is read, and the models refuse it too."""

import ast
from pathlib import Path

import pytest

from assessments.models import DecisionState, InspectionPlan, PlanState, RecognitionDecision
from engines.workflow import ProtectedStateError
from tests.factories import CycleFactory

ROOT = Path(__file__).resolve().parents[1]
APPS = ["config", "wards", "engines", "centers", "assessments", "plans"]
ENGINE = ROOT / "engines" / "workflow.py"
# A background job's progress (queued → running → done), written by the worker: not a workflow of the
# procedure, nobody acts on it, it has no history or undo.
ALLOWED = {ROOT / "assessments" / "batch_rendering.py"}
WRITING_CALLS = {"update", "create", "get_or_create", "update_or_create", "bulk_create"}


def _sources():
    for app in APPS:
        for path in sorted((ROOT / app).rglob("*.py")):
            if "migrations" not in path.parts and path != ENGINE and path not in ALLOWED:
                yield path


def _state_writes(path: Path, root: Path = ROOT) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        targets = node.targets if isinstance(node, ast.Assign) else []
        for target in targets:
            for element in target.elts if isinstance(target, ast.Tuple) else [target]:
                if isinstance(element, ast.Attribute) and element.attr == "state":
                    found.append(f"{path.relative_to(root)}:{node.lineno} assigns .state")
        if isinstance(node, ast.Call) and getattr(node.func, "attr", None) in WRITING_CALLS:
            for keyword in node.keywords:
                if keyword.arg == "state":
                    found.append(f"{path.relative_to(root)}:{node.lineno} {node.func.attr}(state=…)")
                defaults = keyword.value if keyword.arg == "defaults" else None
                if isinstance(defaults, ast.Dict) and any(
                    getattr(k, "value", None) == "state" for k in defaults.keys
                ):
                    found.append(f"{path.relative_to(root)}:{node.lineno} defaults with a state")
    return found


def test_no_code_outside_the_engine_writes_a_state():
    writes = [write for path in _sources() for write in _state_writes(path)]
    assert writes == []


def test_the_source_check_finds_a_state_write(tmp_path):
    """The check itself can fail: it sees the forms a state write takes."""
    sample = tmp_path / "sample.py"
    sample.write_text(
        "plan.state = 'approved'\n"
        "plan.state, plan.x = 'a', 1\n"
        "Plan.objects.filter(pk=1).update(state='approved')\n"
        "Plan.objects.get_or_create(pk=1, defaults={'state': 'x'})\n"
    )
    assert len(_state_writes(sample, tmp_path)) == 4


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("model", "state"), [(InspectionPlan, PlanState.APPROVED), (RecognitionDecision, DecisionState.RELEASED)]
)
def test_plans_and_decisions_refuse_a_state_saved_outside_the_engine(model, state, education_staff):
    fields = {"cycle": CycleFactory(year=2018)}
    if model is InspectionPlan:
        fields.update(
            title="Kiểm tra", start_date="2018-11-05", end_date="2018-11-06", drafted_by=education_staff
        )
    with pytest.raises(ProtectedStateError):
        model(state=state, **fields).save()  # born past its first state
    obj = model.objects.create(**fields)
    obj.state = state

    with pytest.raises(ProtectedStateError):
        obj.save()

    obj.refresh_from_db()
    assert obj.state != state
