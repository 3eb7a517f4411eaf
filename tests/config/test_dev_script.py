"""``./dev run [ADDRESS]`` serves where it is told, as ``runserver`` does, and says where.

The script runs for real in a scratch copy of the checkout whose ``.venv/bin/python`` only writes
down the commands it is given, with the set-up already done (stamp written, system packages
reported installed by a stand-in ``dpkg-query``), so nothing is installed, migrated or served.
"""

import hashlib
import os
import shutil
import subprocess
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]
RECORDING_PYTHON = '#!/usr/bin/env bash\nprintf "%s\\n" "$*" >> "$DEV_LOG"\n'
INSTALLED = "#!/usr/bin/env bash\nprintf 'install ok installed'\n"


@pytest.fixture
def checkout(tmp_path):
    """A copy of ``dev`` and ``pyproject.toml`` whose set-up is done and whose Python records its calls."""
    shutil.copy(REPO_ROOT / "dev", tmp_path / "dev")
    shutil.copy(REPO_ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    venv_bin = tmp_path / ".venv" / "bin"
    venv_bin.mkdir(parents=True)
    (venv_bin / "python").write_text(RECORDING_PYTHON)
    (venv_bin / "python").chmod(0o755)
    stamp = hashlib.sha256((tmp_path / "pyproject.toml").read_bytes()).hexdigest()
    (tmp_path / ".venv" / ".pyproject.sha256").write_text(stamp + "\n")
    tools = tmp_path / "tools"
    tools.mkdir()
    (tools / "dpkg-query").write_text(INSTALLED)
    (tools / "dpkg-query").chmod(0o755)
    return tmp_path


def run_dev(checkout, *args):
    log = checkout / "commands.log"
    env = {**os.environ, "DEV_LOG": str(log), "PATH": f"{checkout / 'tools'}:{os.environ['PATH']}"}
    done = subprocess.run(
        ["bash", str(checkout / "dev"), "run", *args], env=env, capture_output=True, text=True, timeout=60
    )
    commands = log.read_text().splitlines() if log.exists() else []
    return done, commands


@pytest.mark.parametrize(
    ("args", "address"),
    [
        ((), "127.0.0.1:8000"),
        (("0.0.0.0:8080",), "0.0.0.0:8080"),
        (("8081",), "127.0.0.1:8081"),
        (("[::1]:8000",), "[::1]:8000"),
    ],
)
def test_dev_run_serves_at_the_given_address_and_prints_it(checkout, args, address):
    done, commands = run_dev(checkout, *args)

    assert done.returncode == 0, done.stderr
    assert f"portal at http://{address}/ (Ctrl-C to stop)" in done.stderr
    # The worker starts in the background; the stand-in server stops at once and may beat it to the log.
    manage = [command for command in commands if command.startswith("manage.py")]
    assert [command for command in manage if command != "manage.py db_worker"] == [
        "manage.py migrate",
        "manage.py compilemessages --ignore=.venv --ignore=node_modules --ignore=data -v 0",
        "manage.py seed_demo",
        f"manage.py runserver {address}",
    ]


@pytest.mark.parametrize("args", [("localhost:http",), ("0.0.0.0:8080", "extra")])
def test_dev_run_refuses_a_bad_address_before_setting_anything_up(checkout, args):
    done, commands = run_dev(checkout, *args)

    assert done.returncode == 1
    assert done.stderr.startswith("dev: ")
    assert commands == []


def test_readme_documents_the_address_of_dev_run():
    readme = (REPO_ROOT / "README.md").read_text()
    assert "./dev run 0.0.0.0:8080" in readme
    assert "ALLOWED_HOSTS" in readme.split("./dev run 0.0.0.0:8080", 1)[1].split("\n\n", 1)[0]
