"""Files of a new procurement folder: the rubric, example vendor responses and score sheets.

The examples are fictional and chosen so that ``rfp score`` runs at once and shows every part of
the report: a ranking, a knock-out with no evidence, and a disagreement between evaluators.
"""

from __future__ import annotations

from ccc_audit.rfp.rubric import LoadedRubric

_VENDORS = (
    # id, name, price, base score, knock-out evidence given
    ("alpha", "Alpha Contact Services", 120_000_000, 4, True),
    ("beta", "Beta Customer Care", 82_000_000, 4, True),
    ("gamma", "Gamma Outsourcing", 90_000_000, 3, False),
)
_STRENGTHS = {("alpha", "quality"): 1, ("beta", "quality"): -1}
"""Score shifts by vendor and top-level criterion: alpha dearer but stronger on quality."""
_EVALUATORS = (("e1", "Evaluator One"), ("e2", "Evaluator Two"), ("e3", "Evaluator Three"))
_OFFSETS = (0, 1, -1, 0, 1)


def _quote(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _vendor(rubric: LoadedRubric, ident: str, name: str, price: int, evidence: bool) -> str:
    spec = rubric.nodes[rubric.price_leaf].criterion.price if rubric.price_leaf is not None else None
    currency = spec.currency if spec is not None else "JPY"
    lines = [
        "# Example response of a fictional vendor to the RFP; replace it with real responses,",
        "# or use the XLSX questionnaire from `ccc-audit rfp questionnaire`.",
        "schema_version: 1",
        "vendor:",
        f"  id: {ident}",
        f"  name: {_quote(name)}",
        "price:",
        f"  amount: {price}",
        f"  currency: {currency}",
        "knockouts:",
    ]
    for position, ko in enumerate(rubric.model.knockouts):
        lines.append(f"  {ko.id}:")
        lines.append("    answer: yes")
        if evidence or position:
            lines.append(f"    evidence: [{_quote(f'{name}: {ko.evidence_expected.en}')}]")
        else:
            lines.append("    evidence: []   # a yes with no evidence: knocked out, and flagged")
    lines.append("answers:")
    for index in rubric.leaves:
        c = rubric.nodes[index].criterion
        lines.append(f"  {c.id}:")
        lines.append(f"    answer: {_quote(f'{name} describes its approach to {c.title.en.lower()}.')}")
    return "\n".join(lines) + "\n"


def _sheet(rubric: LoadedRubric, number: int, ident: str, name: str) -> str:
    lines = [
        "# Example score sheet of one evaluator; each evaluator fills in one sheet independently.",
        "schema_version: 1",
        "evaluator:",
        f"  id: {ident}",
        f"  name: {_quote(name)}",
        "scores:",
    ]
    low, high = rubric.scale_min, rubric.scale_max
    scored = [i for i in rubric.leaves if i != rubric.price_leaf]
    for vendor, _, _, base, _ in _VENDORS:
        lines.append(f"  {vendor}:")
        for position, index in enumerate(scored):
            top = index
            while rubric.nodes[top].parent is not None:
                top = rubric.nodes[top].parent or 0
            shift = _STRENGTHS.get((vendor, rubric.nodes[top].id), 0)
            value = base + shift + _OFFSETS[(position + number) % len(_OFFSETS)]
            if vendor == "beta" and position == 0:
                value = (low, base, high)[number % 3]  # evaluators disagree here on purpose
            lines.append(f"    {rubric.nodes[index].id}: {min(max(value, low), high)}")
    return "\n".join(lines) + "\n"


def scaffold_procurement(rubric: LoadedRubric, rubric_text: bytes) -> dict[str, bytes]:
    """Relative path → content of every file of a new procurement folder."""
    files = {"rubric.yaml": rubric_text}
    for ident, name, price, _, evidence in _VENDORS:
        files[f"vendors/{ident}.yaml"] = _vendor(rubric, ident, name, price, evidence).encode("utf-8")
    for number, (ident, name) in enumerate(_EVALUATORS):
        files[f"evaluators/{ident}.yaml"] = _sheet(rubric, number, ident, name).encode("utf-8")
    return files
