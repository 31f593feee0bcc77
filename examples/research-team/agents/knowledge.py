"""The offline world the research team works in: a small fixed corpus, so every run with the same
prompt gives the same answer and nothing needs a network or a model."""
import hashlib
import re

SOURCES = [
    {"url": "https://example.org/guides/evaluation", "title": "Evaluating options with a scorecard",
     "text": "List the criteria that matter, weight them, score each option from one to five and "
             "compare totals. Keep evidence next to every score so the choice can be revisited."},
    {"url": "https://example.org/notes/costs", "title": "Total cost of ownership",
     "text": "Licence price is rarely the largest cost. Operations, hosting, training and migration "
             "usually dominate over three years; small teams should favour managed options."},
    {"url": "https://example.org/notes/community", "title": "Reading a project's health",
     "text": "Release cadence, open issue age, the number of active maintainers and documentation "
             "quality predict whether an open-source project will still serve you in two years."},
    {"url": "https://example.org/notes/risk", "title": "Risks and mitigations",
     "text": "Vendor lock-in, data residency and skills gaps are the common risks. Mitigate with "
             "open formats, a pilot on real data and a written exit plan."},
    {"url": "https://example.org/notes/adoption", "title": "Rolling out a new tool",
     "text": "Start with one team, measure a baseline, agree a success metric and review after four "
             "weeks before a wider rollout."},
]


def keywords(text):
    words = re.findall(r"[a-z0-9][a-z0-9\-]+", text.lower())
    stop = {"the", "and", "for", "with", "what", "how", "are", "our", "from", "that", "this", "into", "three"}
    return [w for w in words if w not in stop and len(w) > 2]


def rank(query, k=2):
    """The k sources that best match the query; ties broken by a stable hash of the query."""
    terms = set(keywords(query))
    salt = hashlib.sha256(query.encode("utf-8")).hexdigest()

    def score(i_src):
        i, src = i_src
        overlap = len(terms & set(keywords(src["title"] + " " + src["text"])))
        return (-overlap, hashlib.sha256((salt + str(i)).encode()).hexdigest())

    return [src for _, src in sorted(enumerate(SOURCES), key=score)[:k]]


def by_url(url):
    return next((s for s in SOURCES if s["url"] == url), None)


def token_count(text):
    """A rough, deterministic token estimate (about four characters per token)."""
    return max(1, (len(text) + 3) // 4)
