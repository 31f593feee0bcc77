"""The research team: a planner splits the question, a researcher searches and reads sources with
two tools, and a writer streams a Markdown report. Deterministic and offline; the short pauses
only make the live view readable. A prompt with the word "slow" makes every pause SLOW_FACTOR
times longer (about half a minute in all), so a run can be stopped from the Demo Viewer."""
import os
import re
import time

from agentify import agent, log, stream, tool, trace_llm

import bedrock
import knowledge

SIMULATED_MODEL = "offline-simulator"
SLOW_FACTOR = 20
_pace = {"scale": 1.0}


class SourceUnavailableError(RuntimeError):
    """Raised on purpose when the prompt asks for a failure, to show the error path."""


def pause(seconds):
    time.sleep(seconds * float(os.environ.get("RESEARCH_TEAM_DELAY_SCALE", "1")) * _pace["scale"])


def wants_failure(prompt):
    return re.search(r"\bfail\b", prompt, re.IGNORECASE) is not None


def wants_slow(prompt):
    return re.search(r"\bslow\b", prompt, re.IGNORECASE) is not None


def set_pace(prompt):
    """Slow mode for a prompt that says "slow"; the normal pace otherwise."""
    _pace["scale"] = float(SLOW_FACTOR) if wants_slow(prompt) else 1.0
    if _pace["scale"] != 1.0:
        log("Slow mode: every step takes %d times longer, so the run can be stopped." % SLOW_FACTOR)


def simulated_model_call(prompt_text, completion, seconds):
    """A model call that takes time like a real one, recorded with its duration and token counts."""
    with trace_llm(SIMULATED_MODEL, system="offline", input=prompt_text) as call:
        pause(seconds)
        call.record(input_tokens=knowledge.token_count(prompt_text), output_tokens=knowledge.token_count(completion),
                    output=completion)


@tool(name="web_search")
def web_search(query):
    pause(0.15)
    return [{"url": s["url"], "title": s["title"]} for s in knowledge.rank(query)]


@tool(name="read_source")
def read_source(url, fail=False):
    pause(0.1)
    if fail:
        raise SourceUnavailableError("%s did not answer (the prompt asked for a failure)" % url)
    source = knowledge.by_url(url)
    return {"url": url, "title": source["title"], "text": source["text"]}


@agent(name="planner")
def planner(prompt):
    pause(0.2)
    focus = " ".join(knowledge.keywords(prompt)[:6]) or prompt
    questions = [
        "Which criteria matter for: %s" % focus,
        "What is the total cost of: %s" % focus,
        "What are the risks of: %s" % focus,
    ]
    for q in questions:
        stream("- %s\n" % q)
        pause(0.05)
    simulated_model_call(prompt, "\n".join(questions), 0.1)
    return questions


@agent(name="researcher")
def researcher(questions, fail=False):
    findings, read = [], set()
    for i, question in enumerate(questions):
        hits = web_search(question)
        best = next((h for h in hits if h["url"] not in read), hits[0])
        read.add(best["url"])
        page = read_source(best["url"], fail=fail and i == len(questions) - 1)
        findings.append({"question": question, "source": page["title"], "url": page["url"], "note": page["text"]})
        stream("Read %s\n" % page["title"])
    return findings


def _offline_report(prompt, findings):
    lines = ["# Research brief", "", "**Question:** %s" % prompt, "", "## Findings", ""]
    for f in findings:
        lines.append("- **%s** — %s ([%s](%s))" % (f["question"], f["note"], f["source"], f["url"]))
    lines += ["", "## Recommendation", "",
              "Score the options on the criteria above, run a four-week pilot on real data, and keep a written "
              "exit plan. Revisit the choice when the pilot's success metric is known.", ""]
    return "\n".join(lines)


@agent(name="writer")
def writer(prompt, findings):
    notes = "\n".join("- %s: %s" % (f["question"], f["note"]) for f in findings)
    report = bedrock.draft(prompt, notes)
    if report is None:
        report = _offline_report(prompt, findings)
        for paragraph in report.split("\n\n"):
            stream(paragraph + "\n\n")
            pause(0.08)
        simulated_model_call(prompt + "\n" + notes, report, 0.1)
    else:
        stream(report)
    return report
