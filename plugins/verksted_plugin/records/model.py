"""The record contract as typed models: what each file may hold and what each field means.

Plain pydantic, no MkDocs and no I/O. Field descriptions are Norwegian because they are
published in the JSON Schema that editors see as hover help. Markdown fields carry
`{"format": "markdown"}` in their schema; every other text is plain and is escaped.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date, datetime, time
from typing import Annotated, Any, Literal, TypeVar
from urllib.parse import urlparse

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    ValidationInfo,
    WithJsonSchema,
    field_validator,
    model_validator,
)

from ..language.dates import OSLO, as_moment
from ..language.i18n import Message, tr

ID_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
LANGUAGES = ("nb", "nn", "en")


# Characters no reader can see and no output can carry: C0 and C1 controls and DEL (a
# YAML escape such as "\x0b" writes them), lone surrogates (no UTF-8 for them) and the two
# non-characters XML forbids. One line of plain text allows none of them; Markdown keeps
# tab and newline. The loader applies the same rule to a workshop's summary.
_NOT_TEXT = re.compile("[\x00-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
_NOT_MARKDOWN = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
# Spaces and newlines at either end are trimmed before the check (a folded `alt: >` ends
# in "\n"); anything else at the ends is judged like the rest.
_EDGES = " \n"


def invisible_character(text: str, *, multiline: bool) -> int | None:
    """The position of the first character a text field may not hold, or None."""
    found = (_NOT_MARKDOWN if multiline else _NOT_TEXT).search(text)
    return found.start() if found else None


def _refuse_invisible(text: str, *, multiline: bool) -> None:
    at = invisible_character(text, multiline=multiline)
    if at is None:
        return
    if text[at] == "\n":
        raise Message("value_line_break")
    raise Message("value_control_character", code=f"U+{ord(text[at]):04X}")


def _text(value: Any) -> Any:
    """Numbers written without quotes (a phone, a postcode) are still meant as text."""
    if isinstance(value, bool):
        return value
    if isinstance(value, int | float):
        return str(value)
    if isinstance(value, str):
        trimmed = value.strip(_EDGES)
        _refuse_invisible(trimmed, multiline=False)
        return trimmed.strip()
    return value


def _markdown(value: Any) -> Any:
    """Like `_text`, with line breaks (as LF: a CR from an escape becomes one) and tabs."""
    if isinstance(value, str):
        value = value.replace("\r\n", "\n").replace("\r", "\n")
        trimmed = value.strip(" \t\n")
        _refuse_invisible(trimmed, multiline=True)
        return trimmed.strip()
    return _text(value)


def _url(value: str) -> str:
    parts = urlparse(value)
    if parts.scheme not in ("http", "https") or not parts.netloc or " " in value:
        raise Message("value_url")
    return value


def _https(value: str) -> str:
    if urlparse(value).scheme != "https":
        raise Message("value_url_https")
    return value


def _email(value: str) -> str:
    if not re.fullmatch(r"[^@\s<>\"]+@[^@\s<>\"]+\.[A-Za-z]{2,}", value):
        raise Message("value_email")
    return value


def _phone(value: str) -> str:
    digits = re.sub(r"[\s-]", "", value)
    if not re.fullmatch(r"\+?[0-9]{3,15}", digits):
        raise Message("value_phone")
    return value


def _fold(text: str) -> str:
    """Compare names the way people misspell them: "Hoyre" means "Høyre"."""
    return text.lower().replace("æ", "ae").replace("ø", "o").replace("å", "a").replace(" ", "")


def _id(value: str) -> str:
    if not ID_PATTERN.fullmatch(value):
        raise Message("value_id")
    return value


# A page name the plugin gives the overview of every folder (plan/, utvalg/, tema/ …):
# a record file or a theme by that name would silently replace the overview.
RESERVED_NAMES = frozenset({"index"})
_NORWEGIAN = str.maketrans({"æ": "ae", "ø": "o", "å": "a"})


def theme_slug(name: str) -> str:
    """The theme's id: `Strandsona` → `strandsona`, `Bærekraft og klima` → `baerekraft-og-klima`."""
    folded = " ".join(name.split()).lower().translate(_NORWEGIAN)
    ascii_only = unicodedata.normalize("NFKD", folded).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_only).strip("-")
    return slug or "tema"


def _theme(value: str) -> str:
    if theme_slug(value) in RESERVED_NAMES:
        raise Message("value_theme_reserved", slug=theme_slug(value))
    return value


# The control-character rule stays out of the schema: a `pattern` there would become a
# check with a vague message on every field of the editor's form; `check` names the character.
Text = Annotated[str, BeforeValidator(_text), Field(min_length=1)]
# The schema's `not` covers the plain spellings ("Index", " index "); the validator decides.
ThemeName = Annotated[str, BeforeValidator(_text), AfterValidator(_theme), Field(
    min_length=1, json_schema_extra={
        "not": {"pattern": "^[^A-Za-z0-9]*[Ii][Nn][Dd][Ee][Xx][^A-Za-z0-9]*$"}})]
Markdown = Annotated[str, BeforeValidator(_markdown),
                     Field(min_length=1, json_schema_extra={"format": "markdown"})]
# The `pattern`s below only shape the JSON Schema (editor help); the validators decide.
Url = Annotated[str, BeforeValidator(_text), AfterValidator(_url),
                Field(json_schema_extra={"format": "uri", "pattern": r"^https?://[^\s]+$"})]
# The pattern as json_schema_extra, like Url's: Field(pattern=…) after the validators never
# reached the JSON Schema, so editors and the form took any text.
HttpsUrl = Annotated[str, BeforeValidator(_text), AfterValidator(_url), AfterValidator(_https),
                    Field(json_schema_extra={"format": "uri", "pattern": r"^https://[^\s]+$"})]
Email = Annotated[str, BeforeValidator(_text), AfterValidator(_email),
                  Field(json_schema_extra={"format": "email",
                                           "pattern": r"^[^@\s<>\"]+@[^@\s<>\"]+\.[A-Za-z]{2,}$"})]
Phone = Annotated[str, BeforeValidator(_text), AfterValidator(_phone),
                  Field(json_schema_extra={"pattern": r"^\+?[0-9][0-9 -]{2,20}$"})]
RecordId = Annotated[str, BeforeValidator(_text), AfterValidator(_id),
                     Field(json_schema_extra={"pattern": ID_PATTERN.pattern})]
Postcode = Annotated[str, BeforeValidator(_text),
                     Field(pattern=r"^[0-9]{4}$", json_schema_extra={"pattern": r"^[0-9]{4}$"})]
# Every number is bounded: dates are computed from them (a lead time of 800,000 days has
# no date) and the pages add them up. The schema carries the same bounds to the editor.
MAX_COUNT = 100_000
MAX_LEAD_TIME_DAYS = 365
MAX_NUMBER = 1_000
Count = Annotated[int, Field(ge=0, le=MAX_COUNT, strict=True)]
LeadDays = Annotated[int, Field(ge=0, le=MAX_LEAD_TIME_DAYS, strict=True)]
SeriesNumber = Annotated[int, Field(ge=1, le=MAX_NUMBER, strict=True)]
Flag = Annotated[bool, Field(strict=True)]


_CLOCK_ONLY = re.compile(r"[0-9]{1,2}[:.][0-9]{2}")
# Years a plan process can have; outside them the calendars' time zone tables, the day
# after an all-day event and the deadlines before a start would have no date at all.
YEAR_MIN, YEAR_MAX = 1900, 2199
_MOMENT_LAYOUTS = ("%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M:%S", "%Y-%m-%dT%H:%M:%S")


# The one way a date is written: year-month-day with four, two and two digits (strptime
# alone would also take 2027-4-20). Anything else is read back as written (`_as_written`).
_DATE_FORM = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}(?:[ T][0-9]{1,2}:[0-9]{2}(?::[0-9]{2})?)?")
# Dates as people write them elsewhere (2027-4-20, 12.03.2027, 12/3/2027; not 12.3.27,
# whose century is a guess), each with an optional time written 18:00, 18.00 or kl. 18.
_ISO_LIKE = re.compile(r"(?P<y>[0-9]{4})-(?P<m>[0-9]{1,2})-(?P<d>[0-9]{1,2})")
_DAY_MONTH_YEAR = re.compile(r"(?P<d>[0-9]{1,2})[./](?P<m>[0-9]{1,2})[./](?P<y>[0-9]{4})")
_AT_TIME = re.compile(r"(?:[ T]|,? +(?:kl\.? *)?)(?P<h>[0-9]{1,2})(?:[:.](?P<min>[0-9]{2}))?")


def parse_when(value: Any) -> Any:
    """`2020-02-11` is a day; `2020-02-11 18:00` a moment in Europe/Oslo."""
    if isinstance(value, date):
        return _in_years(value)
    if isinstance(value, str):
        text = value.strip()
        # A clock time ("21:00", an end on the start's day) cannot match a date layout,
        # which all need a '-': it is read first instead of failing five of them.
        if _CLOCK_ONLY.fullmatch(text):
            hours, minutes = re.split(r"[:.]", text)
            try:
                return time(int(hours), int(minutes))
            except ValueError:
                raise Message("value_when") from None
        if _DATE_FORM.fullmatch(text):
            for layout in (*_MOMENT_LAYOUTS, "%Y-%m-%d"):
                try:
                    moment = datetime.strptime(text, layout)
                except ValueError:
                    continue
                return _in_years(moment if layout in _MOMENT_LAYOUTS else moment.date())
        _as_written(text)
    raise Message("value_when")


def _as_written(text: str) -> None:
    """A date written another way is read back as written, with the form to write instead
    (`12.03.2027` → `2027-03-12`); a date that does not exist (2027-02-30) is said to be one."""
    for form in (_ISO_LIKE, _DAY_MONTH_YEAR):
        found = form.match(text)
        if found is None:
            continue
        clock = _AT_TIME.fullmatch(text, found.end()) if found.end() < len(text) else None
        if found.end() < len(text) and clock is None:
            return
        year, month, day = int(found["y"]), int(found["m"]), int(found["d"])
        try:
            written = date(year, month, day).isoformat()
        except ValueError:
            raise Message("value_date_impossible", given=text) from None
        if clock is not None:
            hours, minutes = int(clock["h"]), int(clock["min"] or 0)
            if hours > 23 or minutes > 59:
                return
            written = f'"{written} {hours:02d}:{minutes:02d}"'
        raise Message("value_date_as_written", given=text, written=written)


When_ = TypeVar("When_", bound=date)


def _in_years(day: When_) -> When_:
    if not YEAR_MIN <= day.year <= YEAR_MAX:
        raise Message("value_year", first=YEAR_MIN, last=YEAR_MAX)
    return day


def _day(value: Any) -> Any:
    parsed = parse_when(value)
    if isinstance(parsed, datetime) or not isinstance(parsed, date):
        raise Message("value_day")
    return parsed


# Written as text in the files (the loader keeps YAML dates as text), so the schema says so.
_DAY = r"(?:19|2[01])[0-9]{2}-[0-9]{2}-[0-9]{2}"  # YEAR_MIN to YEAR_MAX
_CLOCK = r"[0-9]{1,2}[:.][0-9]{2}(?::[0-9]{2})?"
Day = Annotated[date, BeforeValidator(_day),
                WithJsonSchema({"type": "string", "pattern": f"^{_DAY}$"})]
When = Annotated[datetime | date, BeforeValidator(parse_when),
                 WithJsonSchema({"type": "string", "pattern": f"^{_DAY}(?:[ T]{_CLOCK})?$"})]
EndWhen = Annotated[datetime | date | time, BeforeValidator(parse_when),
                    WithJsonSchema({"type": "string",
                                    "pattern": f"^(?:{_DAY}(?:[ T]{_CLOCK})?|{_CLOCK})$"})]


class Record(BaseModel):
    """Unknown fields are errors: a typo must never silently drop data."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class Address(Record):
    street: Text = Field(description="Gateadresse eller postboks, f.eks. «Hasselveien 6»")
    postcode: Postcode = Field(description="Postnummer, fire sifre, f.eks. «1470»")
    city: Text = Field(description="Poststed, f.eks. «LØRENSKOG»")


class Municipality(Record):
    name: Text = Field(description="Kommunens navn, f.eks. «Lørenskog kommune»")
    number: Postcode | None = Field(
        None, description="Kommunenummer, fire sifre i anførselstegn, f.eks. «3222»"
    )
    language: Literal["nb", "nn", "en"] = Field(
        "nb", description="Språk for sidens tekster og datoer: nb (bokmål), nn (nynorsk) eller en"
    )
    website: Url | None = Field(None, description="Kommunens hovedside")
    phone: Phone | None = Field(None, description="Sentralbord, f.eks. «67 93 40 00»")
    email: Email | None = Field(None, description="Kommunens postmottak")
    visiting_address: Address | None = Field(None, description="Besøksadresse")
    postal_address: Address | None = Field(None, description="Postadresse")
    accessibility_statement: Url | None = Field(
        None, description="Lenke til tilgjengelighetserklæringen (uustatus.no), vises på hver side"
    )


class Contact(Record):
    model_config = ConfigDict(json_schema_extra={
        "anyOf": [{"required": ["phone"]}, {"required": ["email"]}]})

    name: Text = Field(description="Fullt navn på kontaktpersonen")
    title: Text | None = Field(None, description="Stillingstittel, f.eks. «fagsjef»")
    role: Text | None = Field(None, description="Rolle, f.eks. «Ansvarlig for planarbeidet»")
    phone: Phone | None = Field(None, description="Telefonnummer, f.eks. «990 48 920»")
    email: Email | None = Field(None, description="E-postadresse")

    @model_validator(mode="after")
    def _reachable(self) -> Contact:
        if not self.phone and not self.email:
            raise Message("value_contact")
        return self


class Phase(Record):
    title: Text = Field(description="Fasens navn, f.eks. «Høring»")
    start: Day | None = Field(None, description="Startdato, f.eks. 2020-01-15")
    end: Day | None = Field(None, description="Sluttdato, f.eks. 2020-06-30")
    description: Markdown | None = Field(None, description="Hva som skjer i fasen (Markdown)")
    current: Flag | None = Field(
        None, description="true markerer fasen som «vi er her», uansett datoene"
    )

    @model_validator(mode="after")
    def _ordered(self) -> Phase:
        if self.start and self.end and self.end < self.start:
            raise Message("value_end_before_start")
        return self


class Plan(Record):
    title: Text = Field(description="Planens navn, f.eks. «Kommuneplanens samfunnsdel»")
    summary: Markdown | None = Field(None, description="Hva planen er og hvorfor den betyr noe (Markdown)")
    contact: Contact = Field(description="Personen innbyggerne kan spørre om planarbeidet")
    phases: list[Phase] = Field(default_factory=list, description="Planprosessens faser, i rekkefølge")
    draft: Flag = Field(False, description="true holder planen utenfor alt som publiseres; "
                        "den vises bare i forhåndsvisningen")


class Member(Record):
    name: Text = Field(description="Fullt navn")
    party: Text | None = Field(None, description="Partikode fra partitabellen, f.eks. «KrF», «H», «MDG»")
    role: Literal["leder", "nestleder", "medlem", "varamedlem"] = Field(
        "medlem", description="leder, nestleder, medlem eller varamedlem"
    )

    @field_validator("party")
    @classmethod
    def _known_party(cls, value: str | None, info: ValidationInfo) -> str | None:
        parties = (info.context or {}).get("parties")
        if value is None or parties is None or value in parties:
            return value
        hint = ""
        if value.lower() in {"no", "yes", "on", "off"}:
            hint = tr("value_party_not_yes_no")
        for code, party in parties.items():
            if _fold(value) in (_fold(code), _fold(party.nb), _fold(party.nn)):
                hint = tr("value_party_did_you_mean", guess=code)
                break
        known = ", ".join(sorted(parties, key=str.lower))
        raise Message("value_party_unknown", value=value, hint=hint, known=known)


class Photo(Record):
    model_config = ConfigDict(json_schema_extra={
        "if": {"not": {"required": ["decorative"], "properties": {"decorative": {"const": True}}}},
        "then": {"required": ["alt"]}})

    src: Text = Field(description="Bildefil inne i docs/, f.eks. «bilder/verksted-1.jpg»")
    alt: Text | None = Field(
        None, description="Alternativ tekst: hva bildet viser, for dem som ikke ser det"
    )
    caption: Text | None = Field(None, description="Bildetekst, f.eks. «Fra venstre: …»")
    credit: Text | None = Field(None, description="Fotograf eller kilde")
    decorative: Flag = Field(False, description="true hvis bildet er pynt og ikke trenger alt-tekst")

    @model_validator(mode="after")
    def _described(self) -> Photo:
        if not self.alt and not self.decorative:
            raise Message("value_photo_alt")
        return self


class Committee(Record):
    name: Text = Field(description="Utvalgets navn, f.eks. «Kommuneplanutvalget»")
    plan: RecordId = Field(description="Id-en til planen utvalget gir råd om")
    purpose: Markdown = Field(description="Hva utvalget er til for (Markdown)")
    mandate: Markdown | None = Field(None, description="Utvalgets rolle og grenser (Markdown)")
    composition: Markdown | None = Field(None, description="Hvordan utvalget er satt sammen (Markdown)")
    members: list[Member] = Field(default_factory=list, description="Medlemmene")
    meetings_url: Url | None = Field(None, description="Hvor møtedokumentene publiseres")
    contact: Contact | None = Field(None, description="Kontaktperson; standard er planens kontakt")
    photos: list[Photo] = Field(default_factory=list, description="Bilder med bildetekst")
    draft: Flag = Field(False, description="true holder utvalget utenfor alt som publiseres; "
                        "den vises bare i forhåndsvisningen")


class Step(Record):
    label: Text | None = Field(None, description="Tekst foran tittelen: «Pre-fase», «0», «1» …")
    title: Text = Field(description="Stegets tittel")
    description: Markdown | None = Field(None, description="Hva som skjer i steget (Markdown)")
    questions: list[Text] = Field(default_factory=list, description="Spørsmål som fasiliterer steget")
    lead_time_days: LeadDays | None = Field(
        None, description="Hvor mange dager før verkstedet steget skjer, f.eks. 7; "
        "et planlagt verksted viser fristen som dato"
    )


class Method(Record):
    name: Text = Field(description="Metodens navn, f.eks. «Politisk verksted»")
    purpose: Markdown = Field(description="Hvorfor metoden finnes (Markdown)")
    steps: list[Step] = Field(min_length=1, description="Programmet, steg for steg, i rekkefølge")
    draft: Flag = Field(False, description="true holder metoden utenfor alt som publiseres; "
                        "den vises bare i forhåndsvisningen")


class Location(Record):
    name: Text | None = Field(None, description="Stedets navn, f.eks. «Lørenskog rådhus»")
    address: Text | None = Field(None, description="Adresse")
    room: Text | None = Field(None, description="Rom, f.eks. «Kommunestyresalen»")

    def one_line(self) -> str:
        """Name, room and address on one line, as pages, calendars and open data write it."""
        return ", ".join(part for part in (self.name, self.room, self.address) if part)


class Participants(Record):
    politicians: Count | None = Field(None, description="Antall politikere som deltok")
    administration: Count | None = Field(None, description="Antall fra administrasjonen")
    residents: Count | None = Field(None, description="Antall innbyggere")


class Document(Record):
    model_config = ConfigDict(json_schema_extra={
        "oneOf": [{"required": ["file"]}, {"required": ["url"]}]})

    title: Text = Field(description="Dokumentets tittel")
    file: Text | None = Field(None, description="Fil inne i docs/, f.eks. «dokumenter/sak.pdf»")
    url: Url | None = Field(None, description="Lenke til dokumentet")
    kind: Literal["saksframlegg", "presentasjon", "referat", "rapport", "annet"] = Field(
        "annet", description="saksframlegg, presentasjon, referat, rapport eller annet"
    )

    @model_validator(mode="after")
    def _one_target(self) -> Document:
        if bool(self.file) == bool(self.url):
            raise Message("value_document_target")
        return self


class Input(Record):
    theme: ThemeName | None = Field(None, description="Temaet innspillet hører til; gir temaet en "
                               "egen side under tema/")
    text: Text = Field(description="Innspillet")


WorkshopStatus = Literal["planned", "held", "cancelled", "postponed", "moved-online"]


def starts_ahead(start: date | datetime, now: datetime) -> bool:
    """The one definition of a workshop still ahead, so of the default status "planned":
    a start with a time until that moment (Europe/Oslo), a day until that day is over.

    The portal's upcoming list, its pages, feeds and calendars, and the deadlines of
    `verksted frister` and the overdue warnings all ask this, with the same `now`."""
    if isinstance(start, datetime):
        return as_moment(start) >= now
    return start >= now.astimezone(OSLO).date()


def workshop_status(given: str | None, start: date | datetime, now: datetime) -> str:
    """The status as written, or the contract's default: planned while ahead, held after."""
    if given:
        return given
    return "planned" if starts_ahead(start, now) else "held"


class Workshop(Record):
    # `end` has the shape of `start` (see `_end_after_start`), for the editor's schema too.
    model_config = ConfigDict(json_schema_extra={"allOf": [
        {"if": {"required": ["start", "end"],
                "properties": {"start": {"pattern": f"^{_DAY}[ T]{_CLOCK}$"}}},
         "then": {"properties": {"end": {"pattern": f"^(?:{_DAY}[ T])?{_CLOCK}$"}}}},
        {"if": {"required": ["start", "end"], "properties": {"start": {"pattern": f"^{_DAY}$"}}},
         "then": {"properties": {"end": {"pattern": f"^{_DAY}$"}}}},
    ]})

    title: Text = Field(description="Verkstedets tittel, f.eks. «Første politiske verksted»")
    committee: RecordId = Field(description="Id-en til utvalget som holder verkstedet")
    method: RecordId | None = Field(None, description="Id-en til metoden som følges")
    number: SeriesNumber | None = Field(
        None, description="Nummer i rekken: 1, 2, 3 …"
    )
    start: When = Field(description="Dato, eller dato og klokkeslett: «2020-02-11 18:00»")
    end: EndWhen | None = Field(None, description="Slutt: «2020-02-11 21:00» eller bare «21:00»")
    status: WorkshopStatus | None = Field(
        None,
        description="planned, held, cancelled, postponed eller moved-online; "
        "standard er planned før start og held etter",
    )
    status_note: Markdown | None = Field(None, description="Hvorfor noe er endret (Markdown)")
    attendance: Literal["in-person", "online", "hybrid"] = Field(
        "in-person", description="in-person (fysisk), online (digitalt) eller hybrid"
    )
    location: Location | None = Field(None, description="Hvor verkstedet holdes")
    online_url: Url | None = Field(None, description="Lenke for å delta digitalt")
    invited: list[Text] = Field(default_factory=list, description="Grupper som er invitert")
    participants: Participants | None = Field(None, description="Hvor mange som deltok")
    themes: list[ThemeName] = Field(default_factory=list, description="Temaene det ble arbeidet med; "
                               "hvert tema får en side under tema/")
    knowledge_from: list[RecordId] = Field(
        default_factory=list, description="Medvirkningen saksgrunnlaget bygger på: id-er "
        "fra data/activities/, f.eks. «stedskompasset»")
    agenda: list[Step] = Field(default_factory=list, description="Programmet; standard er metodens steg")
    documents: list[Document] = Field(default_factory=list, description="Saksdokumenter")
    inputs: list[Input] = Field(default_factory=list, description="Innspill, vist gruppert etter tema")
    decisions: list[Markdown] = Field(
        default_factory=list, description="Vedtak eller forslag som ble formulert (Markdown); "
        "vises også på sidene til verkstedets temaer"
    )
    photos: list[Photo] = Field(default_factory=list, description="Bilder fra verkstedet")
    draft: Flag = Field(False, description="true holder verkstedet utenfor alt som publiseres")

    @model_validator(mode="after")
    def _end_after_start(self) -> Workshop:
        # `end` has the shape of `start`: days with days, times with times. A calendar
        # event is either all-day or timed (RFC 5545), and a page shows one or the other.
        if self.end is None:
            return self
        timed = isinstance(self.start, datetime)
        if isinstance(self.end, time) and not timed:
            raise Message("value_end_time_only")
        if timed and not isinstance(self.end, datetime | time):
            raise Message("value_end_needs_time")
        if not timed and isinstance(self.end, datetime):
            raise Message("value_end_has_time")
        end = self.end_datetime
        if end is not None and end < self.start:
            raise Message("value_end_before_start")
        return self

    @property
    def end_datetime(self) -> datetime | date | None:
        """`end` as given, with a bare time placed on the start day."""
        if isinstance(self.end, time) and isinstance(self.start, datetime):
            return datetime.combine(self.start.date(), self.end)
        return self.end


ActivityKind = Literal["undersokelse", "folkemote", "verksted", "innspill", "horing", "annet"]
# Kinds that ask for input by a deadline: their `end` is that deadline, so it is required.
DEADLINE_KINDS = frozenset({"innspill", "horing"})
# Kinds answered by a day: their `end` is a deadline ("Frist") on pages and in calendars; a
# meeting's or a workshop's `end` is just its last day.
ANSWERED_BY_END = DEADLINE_KINDS | {"undersokelse"}


class Activity(Record):
    """A moment where residents have their say: a survey, a public meeting, a co-creation
    workshop, an open call for input or the statutory consultation (pbl. § 11-14)."""

    # The editor's schema knows it too: input and consultations need their deadline.
    model_config = ConfigDict(json_schema_extra={
        "if": {"required": ["kind"], "properties": {"kind": {"enum": sorted(DEADLINE_KINDS)}}},
        "then": {"required": ["end"]}})

    title: Text = Field(description="Tittel, f.eks. «Stedskompasset» eller «Høring av planforslaget»")
    kind: ActivityKind = Field(description="undersokelse, folkemote, verksted, innspill, horing "
                               "eller annet")
    plan: RecordId = Field(description="Id-en til planen medvirkningen hører til")
    start: Day = Field(description="Første dag, f.eks. «2031-02-01»")
    end: Day | None = Field(None, description="Siste dag; fristen for innspill og høring "
                            "(påkrevd for dem)")
    themes: list[ThemeName] = Field(default_factory=list, description="Temaene, de samme som "
                                    "verkstedenes; vises på temasidene")
    description: Markdown | None = Field(None, description="Hva det er og hvem det er for (Markdown)")
    how_to_take_part: Markdown | None = Field(None, description="Slik deltar du; vises mens "
                                              "medvirkningen er åpen (Markdown)")
    url: HttpsUrl | None = Field(None, description="Hvor man deltar: skjemaet eller undersøkelsen "
                                 "(https://)")
    email: Email | None = Field(None, description="E-post for innspill")
    address: Text | None = Field(None, description="Postadresse for innspill")
    result: Markdown | None = Field(None, description="Hva som kom ut av det (Markdown)")
    participants: Count | None = Field(None, description="Hvor mange innbyggere som deltok")
    documents: list[Document] = Field(default_factory=list, description="Dokumenter")
    photos: list[Photo] = Field(default_factory=list, description="Bilder")
    draft: Flag = Field(False, description="true holder medvirkningen utenfor alt som publiseres")

    @model_validator(mode="after")
    def _dates(self) -> Activity:
        if self.end is None and self.kind in DEADLINE_KINDS:
            raise Message("value_deadline_required", kind=self.kind, at_field="end")
        if self.end is not None and self.end < self.start:
            raise Message("value_end_before_start", at_field="end")
        return self

    @property
    def last_day(self) -> date:
        """The deadline, or the one day a meeting or workshop takes."""
        return self.end or self.start


def activity_status(activity: Activity, today: date) -> str:
    """From the dates: upcoming before `start`, open from `start` through `end` (the
    deadline), finished after."""
    if today < activity.start:
        return "upcoming"
    return "open" if today <= activity.last_day else "finished"


class LocalParty(Record):
    code: Text = Field(description="Partikoden som brukes i members[].party")
    nb: Text = Field(description="Navn på bokmål")
    nn: Text | None = Field(None, description="Navn på nynorsk")
    en: Text | None = Field(None, description="Navn på engelsk")


class PartyList(Record):
    parties: list[LocalParty] = Field(default_factory=list, description="Lokale lister og partier")


RECORD_KINDS: dict[str, type[Record]] = {
    "municipality": Municipality,
    "parties": PartyList,
    "plans": Plan,
    "committees": Committee,
    "methods": Method,
    "workshops": Workshop,
    "activities": Activity,
}
