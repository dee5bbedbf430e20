"""The Procfile and the systemd units describe the same processes, so neither drifts."""

from __future__ import annotations

import shlex

from kuza import cli
from kuza.core.tests.deployment import PROCFILE, SYSTEMD_UNITS, procfile_commands, unit_command


def test_the_procfile_has_a_release_step_web_worker_and_scheduler():
    assert set(procfile_commands(PROCFILE)) == {"release", "web", "worker", "scheduler"}


def test_each_systemd_unit_runs_the_procfile_command_of_its_process():
    commands = procfile_commands(PROCFILE)
    for kind, command in commands.items():
        assert unit_command(SYSTEMD_UNITS / f"kuza-{kind}.service") == command, kind


def test_the_worker_options_in_the_procfile_are_ones_kuza_worker_accepts(settings):
    program, *arguments = shlex.split(procfile_commands(PROCFILE)["worker"])
    assert program == "kuza" and arguments[0] == "worker"
    options, queues, passed_on = cli._worker_options(tuple(arguments[1:]))
    assert queues == ["default"]
    assert options.concurrency == 2 and options.no_scheduler
    assert passed_on == []


def test_the_readme_shows_the_procfile_as_it_is():
    readme = (PROCFILE.parent / "README.md").read_text()
    section = readme[readme.index("## Scaling out") :]
    example = section[section.index("```\n") + 4 : section.index("\n```", section.index("```\n"))]
    assert example.splitlines() == [
        f"{kind}: {command}" for kind, command in procfile_commands(PROCFILE).items()
    ]
