"""The CI workflow: valid for GitHub (actionlint), tests everything, publishes only from main.

actionlint comes from the dev dependencies (a wheel that ships the binary) and is run from the
virtual environment's bin folder; PyYAML then checks the rules the site depends on. PyYAML reads
the key `on` as True.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from helpers import ROOT, VENV

WORKFLOW = ROOT / ".github" / "workflows" / "site.yml"
ACTIONLINT = Path(sys.executable).parent / "actionlint"
MAIN_ONLY = "github.event_name == 'push' && github.ref == 'refs/heads/main'"
PINNED = re.compile(r"^\s*(?:- )?uses: ([\w.-]+/[\w./-]+)@([0-9a-f]{40}) # v\d+\.\d+\.\d+\s*$")


@pytest.fixture(scope="module")
def workflow() -> dict[Any, Any]:
    return yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def jobs(workflow) -> dict[str, dict[str, Any]]:
    return workflow["jobs"]


def actionlint(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    if not ACTIONLINT.exists():
        pytest.fail(
            f"actionlint is not installed at {ACTIONLINT}: run `make install` "
            "(it comes with the dev dependencies in pyproject.toml)"
        )
    return subprocess.run(
        [str(ACTIONLINT), "-oneline", "-no-color", *args],
        input=stdin,
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
        check=False,
    )


def test_actionlint_finds_no_problem() -> None:
    result = actionlint(str(WORKFLOW.relative_to(ROOT)))
    assert result.returncode == 0, result.stdout + result.stderr


def test_actionlint_really_checks() -> None:
    broken = WORKFLOW.read_text(encoding="utf-8").replace("needs: test", "needs: tests")
    result = actionlint("-", stdin=broken)
    assert result.returncode != 0 and 'needs job "tests"' in result.stdout, result.stdout


def condition(step_or_job: dict[str, Any]) -> str:
    text = str(step_or_job.get("if", "")).strip()
    if text.startswith("${{") and text.endswith("}}"):
        text = text[3:-2].strip()
    return " ".join(text.split())


def uses(step: dict[str, Any]) -> str:
    return str(step.get("uses", "")).split("@")[0]


def step_using(job: dict[str, Any], action: str) -> dict[str, Any]:
    found = [s for s in job["steps"] if uses(s) == action]
    assert len(found) == 1, f"expected one {action} step, found {len(found)}"
    return found[0]


def test_runs_on_every_push_and_pull_request(workflow) -> None:
    triggers = workflow[True]  # PyYAML reads `on:` as the boolean True
    assert set(triggers) == {"push", "pull_request"}
    for event in ("push", "pull_request"):
        assert not triggers[event], f"{event} must not be limited to branches or paths"


def test_permissions_are_minimal(workflow, jobs) -> None:
    assert workflow["permissions"] == {"contents": "read"}
    assert jobs["test"]["permissions"] == {"contents": "read", "pages": "read"}
    assert jobs["deploy"]["permissions"] == {"pages": "write", "id-token": "write"}
    assert set(jobs) == {"test", "deploy"}, "a new job needs its permissions checked here"


def test_the_test_job_runs_make_test_with_every_tool(jobs) -> None:
    job = jobs["test"]
    assert "if" not in job, "the tests run on every event"
    runs = [s.get("run", "").strip() for s in job["steps"]]
    assert "make test" in runs
    checkout = step_using(job, "actions/checkout")["with"]
    assert checkout["persist-credentials"] is False
    assert checkout["fetch-depth"] == 0
    # The exact release the checks were run with, not whatever 3.11 is newest that day.
    python = str(step_using(job, "actions/setup-python")["with"]["python-version"])
    assert re.fullmatch(r"3\.11\.\d+", python), python
    assert str(step_using(job, "actions/setup-node")["with"]["node-version"]) == "20"
    assert str(step_using(job, "actions/setup-java")["with"]["java-version"]) == "17"
    chromium = next(s["run"] for s in job["steps"] if "CHROMIUM=" in s.get("run", ""))
    assert "command -v chromium" in chromium and "GITHUB_ENV" in chromium


def test_the_site_is_built_and_uploaded_only_on_main_after_the_tests(jobs) -> None:
    steps = jobs["test"]["steps"]
    tested = next(i for i, s in enumerate(steps) if s.get("run", "").strip() == "make test")
    pages = step_using(jobs["test"], "actions/configure-pages")
    build = next(s for s in steps if s.get("run", "").strip() == "make build")
    archive = next(s for s in steps if "artifact.tar" in s.get("run", ""))
    upload = step_using(jobs["test"], "actions/upload-artifact")
    for step in (pages, build, archive, upload):
        assert steps.index(step) > tested, "publishing steps come after `make test`"
        assert condition(step) == MAIN_ONLY, f"{step.get('name')}: only on a push to main"
    assert pages["id"] == "pages"
    assert build["env"]["SITE_URL"].startswith("${{ steps.pages.outputs.base_url }}")
    # upload-pages-artifact's two steps, written out so that upload-artifact is pinned by
    # commit (that action names it by a tag): the archive of site/ the deploy job expects.
    assert steps.index(build) < steps.index(archive) < steps.index(upload)
    assert '--directory site -cvf "$RUNNER_TEMP/artifact.tar"' in archive["run"]
    assert "--dereference" not in archive["run"] and "find site -type l" in archive["run"]
    assert upload["with"]["name"] == "github-pages"
    assert upload["with"]["path"] == "${{ runner.temp }}/artifact.tar"
    assert upload["with"]["if-no-files-found"] == "error"
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    recipe = re.search(r"^build:.*\n((?:\t.*\n)+)", makefile, re.M)[1]
    assert "mkdocs_cli.py build --strict --site-dir .site.new" in recipe
    assert recipe.index("--site-dir .site.new") < recipe.index("mv .site.new site")


def test_pushes_publish_in_order(workflow) -> None:
    """Concurrency on the whole workflow, per branch, never cancelling the run under way: a
    newer push waits, so an older run cannot publish after it."""
    group = workflow["concurrency"]
    assert group["group"] == "site-${{ github.ref }}"
    assert group["cancel-in-progress"] is False


def test_python_packages_install_from_the_lock_with_hashes() -> None:
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert "pip install --quiet --require-hashes --no-deps -r requirements.lock" in makefile
    assert "--no-deps --no-build-isolation -e ." in makefile
    assert "uv pip compile pyproject.toml --extra dev --universal --generate-hashes" in makefile
    lock = (ROOT / "requirements.lock").read_text(encoding="utf-8")
    pins = re.findall(r"^([a-z0-9._-]+)==\S+ \\$", lock, re.M | re.I)
    assert {"mkdocs", "mkdocs-material", "pytest", "playwright", "setuptools"} <= set(pins)
    for block in re.split(r"\n(?=[a-z0-9])", lock.split("\n", 2)[2], flags=re.I):
        if "==" in block:
            assert "--hash=sha256:" in block, f"no hash for {block.splitlines()[0]}"


def test_make_build_refuses_without_site_url_and_names_the_address_it_builds_for() -> None:
    env = {k: v for k, v in os.environ.items() if k != "SITE_URL"}
    # -o: never reinstall from here (after an edit of pyproject.toml, npm ci would rewrite
    # node_modules under the tests that run beside this one)
    make = ["make", f"VENV={VENV}", "-o", str(VENV / ".installed")]
    refused = subprocess.run(
        [*make, "-s", "build"], cwd=ROOT, env=env, capture_output=True, text=True, check=False
    )
    assert refused.returncode != 0
    assert "SITE_URL is not set" in refused.stdout + refused.stderr
    shown = subprocess.run(
        [*make, "-n", "build"], cwd=ROOT, env=env, capture_output=True, text=True, check=True
    )
    assert 'echo "make build: building for $SITE_URL"' in shown.stdout


def test_deploy_needs_the_tests_and_runs_only_on_main(jobs) -> None:
    deploy = jobs["deploy"]
    needs = deploy["needs"] if isinstance(deploy["needs"], list) else [deploy["needs"]]
    assert "test" in needs
    assert condition(deploy) == MAIN_ONLY
    assert deploy["environment"]["name"] == "github-pages"
    assert "pages" in deploy["concurrency"]["group"]
    assert deploy["concurrency"]["cancel-in-progress"] is False
    assert step_using(deploy, "actions/deploy-pages")["id"] == "deployment"
    assert deploy["environment"]["url"] == "${{ steps.deployment.outputs.page_url }}"


def test_every_action_is_pinned_to_a_commit_with_its_version() -> None:
    lines = [
        line
        for line in WORKFLOW.read_text(encoding="utf-8").splitlines()
        if re.match(r"^\s*(?:- )?uses:", line)
    ]
    assert lines, "no actions found"
    unpinned = [line.strip() for line in lines if not PINNED.match(line)]
    assert not unpinned, (
        "pin every action to a full 40-character commit SHA followed by '# vX.Y.Z': "
        + "; ".join(unpinned)
    )


def test_code_files_need_their_owners_review() -> None:
    """Issue 24: the code files are named in CODEOWNERS (content files are checked by the
    build instead); README.md says to replace the placeholder team and protect main."""
    owners = (ROOT / ".github" / "CODEOWNERS").read_text(encoding="utf-8")
    rules = {line.split()[0] for line in owners.splitlines() if line and not line.startswith("#")}
    code = {"/hooks/", "/overrides/", "/mkdocs.yml", "/.github/", "/Makefile", "/pyproject.toml"}
    assert code <= rules, code - rules
    assert not any(
        rule.startswith(("/docs/*.md", "/data/*.yml", "/criteria/*.yml")) for rule in rules
    )
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "@sanchez-roig-law/maintainers" in readme and "Review from Code Owners" in readme
