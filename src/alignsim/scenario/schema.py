"""The scenario format, version 1, as pydantic models (see ``docs/scenario-format.md``).

The models check shapes, types and ranges; references between entries (actor ids,
issue ids, dates inside the time range) are checked afterwards by
:mod:`alignsim.scenario.checks`, which knows where every value came from.
"""

from __future__ import annotations

from datetime import date
from functools import cache
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    create_model,
    field_validator,
    model_validator,
)

from alignsim.dynamics.registry import Mechanism, registry
from alignsim.scenario.calendar import MONTHS_PER_UNIT, check_run_year, parse_date
from alignsim.scenario.limits import MAX_MAGNITUDE, MAX_YEAR, MIN_YEAR

Identifier = Annotated[
    str,
    Field(
        pattern=r"^[A-Za-z][A-Za-z0-9_\-]*$",
        max_length=64,
        description="letters, digits, _ and -, starting with a letter",
    ),
]
DateLike = Annotated[
    date,
    BeforeValidator(parse_date),
    Field(description="YYYY, YYYY-MM or YYYY-MM-DD"),
]
#: a date of the run (its start, an event): within the years the calendar, pandas' timestamps
#: and Matplotlib's date axes all represent (see ``docs/limits.md``)
RunDate = Annotated[
    date,
    BeforeValidator(parse_date),
    AfterValidator(check_run_year),
    Field(description=f"YYYY, YYYY-MM or YYYY-MM-DD, years {MIN_YEAR} to {MAX_YEAR}"),
]
Pair = Annotated[list[Identifier], Field(min_length=2, max_length=2)]
#: a number without a natural bound, kept to a magnitude at which the numerics stay finite
Bounded = Annotated[float, Field(ge=-MAX_MAGNITUDE, le=MAX_MAGNITUDE)]
Unit = Annotated[float, Field(ge=0.0, le=1.0)]
Signed = Annotated[float, Field(ge=-1.0, le=1.0)]
#: ``[low, high]``; YAML gives a list, which strict mode would refuse for a tuple
Scale = Annotated[
    tuple[Bounded, Bounded], BeforeValidator(lambda v: tuple(v) if isinstance(v, list) else v)
]


class Strict(BaseModel):
    """Base: unknown keys are errors, numbers are not read from strings and must be finite."""

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True, allow_inf_nan=False)


class Citation(Strict):
    """Where a value comes from: a source id, a body paragraph and a paraphrased note."""

    source: Identifier
    para: int = Field(ge=1, description="paragraph of the source's body text, from 1")
    note: str = Field(min_length=3, description="paraphrase; never a copied sentence")


class Source(Strict):
    """A text the scenario draws on."""

    id: Identifier
    title: str
    author: str
    date: DateLike
    url: str | None = None
    paragraphs: int | None = Field(
        default=None, ge=1, description="paragraphs of the body text, to check citations"
    )


class TimeSpec(Strict):
    """Calendar of a run: step 0 is ``start``; each step adds one ``unit``."""

    start: RunDate
    unit: Literal["month", "quarter", "year"] = "quarter"
    steps: int = Field(ge=1, le=10_000)

    @model_validator(mode="after")
    def _ends_in_range(self) -> TimeSpec:
        months = self.start.year * 12 + self.start.month - 1
        last_year = (months + self.steps * MONTHS_PER_UNIT[self.unit]) // 12
        if last_year > MAX_YEAR:
            raise ValueError(
                f"the run would end in {last_year}, after {MAX_YEAR} (fewer steps, a shorter "
                "unit or an earlier start)"
            )
        return self


class Issue(Strict):
    """A dimension of interest with the scale its positions are given on."""

    id: Identifier
    label: str
    scale: Scale = (-1.0, 1.0)
    description: str = ""
    citation: Citation | None = None

    @model_validator(mode="after")
    def _scale_increases(self) -> Issue:
        if not self.scale[0] < self.scale[1]:
            raise ValueError(f"scale {list(self.scale)} must increase (low < high)")
        return self


class Interest(Strict):
    """An actor's position (on the issue's scale) and salience (0..1) on one issue."""

    position: float
    salience: Unit
    citation: Citation | None = None


class Relation(Strict):
    """Initial alignment and economic tie of a pair of actors."""

    pair: Pair
    alignment: Signed = 0.0
    economic_tie: float = Field(default=0.0, ge=0.0, le=MAX_MAGNITUDE)
    rivalry: bool = Field(
        default=False,
        description="an enduring rivalry, kept hostile by the rivalry mechanism when enabled",
    )
    citation: Citation | None = None


class Threat(Strict):
    """A non-actor danger and each actor's exposure to it."""

    id: Identifier
    label: str
    exposure: dict[Identifier, Unit] = Field(default_factory=dict)
    blamed: list[Identifier] = Field(
        default_factory=list, description="actors held responsible for the threat"
    )
    blamed_by: list[Identifier] | None = Field(
        default=None,
        description="actors that hold the blamed responsible (default: every other actor)",
    )
    citation: Citation | None = None


TARGETS = ("alignment", "position", "salience", "capability", "economic_tie", "exposure")


class Effect(Strict):
    """One change an event makes: exactly one target and exactly one of ``shift``/``set``."""

    alignment: Pair | None = None
    position: Pair | None = Field(default=None, description="[actor, issue]")
    salience: Pair | None = Field(default=None, description="[actor, issue]")
    capability: Identifier | None = None
    economic_tie: Pair | None = None
    exposure: Pair | None = Field(default=None, description="[actor, threat]")
    shift: Bounded | None = None
    set: Bounded | None = None

    @model_validator(mode="after")
    def _one_target_one_change(self) -> Effect:
        given = [t for t in TARGETS if getattr(self, t) is not None]
        if len(given) != 1:
            names = ", ".join(TARGETS)
            raise ValueError(f"needs exactly one target ({names}), got {len(given)}")
        if (self.shift is None) == (self.set is None):
            raise ValueError("needs exactly one of 'shift' or 'set'")
        return self

    @property
    def target(self) -> str:
        """Which kind of value the effect changes."""
        return next(t for t in TARGETS if getattr(self, t) is not None)


class Event(Strict):
    """A shock with its effects: dated (``at``), stepped (``step``) or conditional (``when``).

    A conditional event fires once, in the first step whose starting state meets the
    condition (see :mod:`alignsim.simulation.conditions` for the language).
    """

    id: Identifier
    label: str
    at: RunDate | None = None
    step: int | None = Field(default=None, ge=1)
    when: str | None = Field(
        default=None, description="condition, e.g. 'cohesion(CRP) > 0.6 and step() >= 8'"
    )
    description: str = ""
    citation: Citation | None = None
    permanent: Unit | None = Field(
        default=None,
        description=(
            "share of the event's alignment changes that lasts (moves the pair's baseline); "
            "default: the error_correction mechanism's 'permanent'"
        ),
    )
    effects: list[Effect] = Field(min_length=1)

    @model_validator(mode="after")
    def _one_time(self) -> Event:
        given = [name for name in ("at", "step", "when") if getattr(self, name) is not None]
        if len(given) != 1:
            raise ValueError(
                "needs exactly one of 'at' (a date), 'step' (a number) or 'when' (a condition)"
            )
        return self

    @field_validator("when")
    @classmethod
    def _readable_condition(cls, when: str | None) -> str | None:
        if when is not None:
            from alignsim.simulation.conditions import ConditionError, parse

            try:
                parse(when)
            except ConditionError as error:
                raise ValueError(f"condition {when!r}: {error}") from None
        return when


class Calibration(Strict):
    """What ``alignsim calibrate`` fits (see ``docs/validation.md``)."""

    free: list[str] | None = Field(
        default=None,
        description=(
            "parameters fitted to the observed index, as --set paths; --method kalman fits "
            "mechanisms.adjustment.rate, mechanisms.adjustment.noise and, with the "
            "error_correction baseline, mechanisms.error_correction.drift (the default); "
            "--method smm any numeric mechanism parameter (mechanisms.NAME.PARAMETER) or "
            "doctrine entry (actors.ID.doctrine.NAME), by default every driver weight and "
            "mechanisms.error_correction.permanent; the others keep their scenario values"
        ),
    )


def _settings_model(mechanism: Mechanism) -> type[BaseModel]:
    """A model for one mechanism's settings, generated from its registered parameters."""
    fields: dict[str, Any] = {}
    for p in mechanism.parameters:
        kind = Literal[p.choices] if p.choices else bool if isinstance(p.default, bool) else float
        numeric = kind is float  # a text or yes/no parameter takes no numeric bounds
        bounds = {
            "ge": -MAX_MAGNITUDE if p.low is None else p.low,
            "le": MAX_MAGNITUDE if p.high is None else p.high,
        }
        fields[p.name] = (
            kind | None,
            Field(
                default=None,
                **(bounds if numeric else {}),
                description=f"{p.doc} (default {p.default})",
            ),
        )
    if mechanism.kind in ("positions", "term", "regime"):
        fields["enabled"] = (bool | None, Field(default=None, description="use this mechanism"))
    title = "".join(part.title() for part in mechanism.name.split("_")) + "Settings"
    model = create_model(title, __base__=Strict, **fields)
    model.__doc__ = f"{mechanism.summary} Reference: {mechanism.reference}."
    return model


@cache
def mechanisms_model() -> type[BaseModel]:
    """The ``mechanisms`` section: one optional entry per registered mechanism."""
    from alignsim.dynamics.presets import DEFAULT_PRESET, PRESETS

    fields: dict[str, Any] = {
        "preset": (
            Literal[tuple(PRESETS)] | None,
            Field(default=None, description=f"named set of mechanisms (default {DEFAULT_PRESET})"),
        )
    }
    fields |= {
        name: (_settings_model(m) | None, None)
        for name, m in registry().items()
        if m.parameters or m.kind in ("positions", "regime")
    }
    return create_model("Mechanisms", __base__=Strict, **fields)


@cache
def doctrine_model() -> type[BaseModel]:
    """An actor's doctrine: its own weight for any term mechanism and its own value of any
    per-actor parameter (e.g. ``bandwagoning``)."""
    fields: dict[str, Any] = {
        name: (float | None, Field(default=None, ge=0.0, le=MAX_MAGNITUDE, description="weight"))
        for name, m in registry().items()
        if m.kind == "term"
    }
    for m in registry().values():
        for p in m.parameters:
            if p.per_actor:
                fields[p.name] = (
                    float | None,
                    Field(default=None, ge=p.low, le=p.high, description=f"{m.name}: {p.doc}"),
                )
    return create_model("Doctrine", __base__=Strict, **fields)


@cache
def scenario_model() -> type[BaseModel]:
    """The whole scenario model (built once the mechanism registry is complete)."""
    mechanisms, doctrine = mechanisms_model(), doctrine_model()
    actor = create_model(
        "Actor",
        __base__=Strict,
        id=(Identifier, ...),
        name=(str, ...),
        capability=(
            float,
            Field(gt=0.0, le=MAX_MAGNITUDE, description="relative power, > 0"),
        ),
        capability_citation=(Citation | None, None),
        capability_growth=(
            float | None,
            Field(
                default=None,
                ge=-0.5,
                le=1.0,
                description="annual growth rate of capability (0.03 = 3% a year)",
            ),
        ),
        interests=(dict[Identifier, Interest], Field(default_factory=dict)),
        doctrine=(doctrine | None, None),
    )
    actor.__doc__ = "A state (or other player) with its capability and interests."
    model = create_model(
        "Scenario",
        __base__=Strict,
        version=(Literal[1], 1),
        name=(Identifier, ...),
        title=(str, ...),
        description=(str, ""),
        sources=(list[Source], Field(default_factory=list)),
        time=(TimeSpec, ...),
        issues=(list[Issue], Field(default_factory=list)),
        actors=(list[actor], Field(min_length=2)),
        relations=(list[Relation], Field(default_factory=list)),
        threats=(list[Threat], Field(default_factory=list)),
        mechanisms=(mechanisms, Field(default_factory=mechanisms)),
        events=(list[Event], Field(default_factory=list)),
        groups=(dict[Identifier, list[Identifier]], Field(default_factory=dict)),
        calibration=(Calibration | None, None),
    )
    model.__doc__ = "An alignsim scenario, format version 1."
    return model


def json_schema() -> dict[str, Any]:
    """JSON Schema of the format, with ``extends`` and ``remove`` for counterfactual files."""
    schema = scenario_model().model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["properties"]["extends"] = {
        "type": "string",
        "description": "path of a scenario this one extends (relative to this file)",
    }
    schema["properties"]["remove"] = {
        "type": "object",
        "description": "ids (or pairs, for relations) of inherited entries to drop",
        "additionalProperties": {"type": "array"},
    }
    return schema
