"""Misuse the checker must report: each line marked `# error` has exactly one type error, which it
could not see if the decorators erased signatures."""
from __future__ import annotations

from agentify import agent, tool


@tool
def add(a: int, b: int = 1) -> int:
    return a + b


@agent(name="planner")
def plan(topic: str) -> str:
    return topic


add("one")  # error
add(1, c=2)  # error
text: str = add(1)  # error
plan(3)  # error
count: int = plan("x")  # error
