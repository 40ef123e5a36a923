"""Scenario files: YAML in, a validated scenario out, with ``file:line`` problems."""

from alignsim.scenario.loader import load_scenario, scenario_hash
from alignsim.scenario.problems import Problem, ScenarioError

__all__ = ["Problem", "ScenarioError", "load_scenario", "scenario_hash"]
