"""Typed use of the decorators: under strict checking every decorated callable keeps its
signature and return type (this file must check with no error)."""
from __future__ import annotations

import asyncio
from typing import AsyncIterator, Iterator, List

from agentify import agent, bind_context, emit, flush, tool, workflow


@tool
def add(a: int, b: int = 1) -> int:
    return a + b


@tool(name="search", capture_output=False)
def search(query: str, *, limit: int = 3) -> List[str]:
    return [query] * limit


@agent(name="planner")
async def plan(topic: str) -> str:
    await asyncio.sleep(0)
    return topic.upper()


@agent
def words(text: str) -> Iterator[str]:
    yield from text.split()


@agent
async def chunks(text: str) -> AsyncIterator[str]:
    for part in text.split():
        yield part


class Team:
    @agent(name="member")
    def work(self, x: int) -> int:
        return x * 2

    @tool
    @staticmethod
    def helper(x: int) -> str:
        return str(x)

    @tool
    @classmethod
    def build(cls, x: int) -> Team:
        return cls()


@workflow(name="typed", graph={"nodes": [], "edges": []})
def run(prompt: str) -> str:
    total: int = add(1, b=2)
    found: List[str] = search(prompt, limit=2)
    upper: str = asyncio.run(plan(prompt))
    first: List[str] = list(words(prompt))
    member: int = Team().work(total)
    label: str = Team.helper(member)
    team: Team = Team.build(1)
    bound = bind_context(add)
    again: int = bound(2, 3)
    emit("log", {"message": label})
    del team, again
    return "%s %s %s" % (found, upper, first)


@workflow
def bare(n: int) -> float:
    return n / 2


result: str = run("x")
half: float = bare(3)
flushed: bool = flush(1.0)
