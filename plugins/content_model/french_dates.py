"""Dates written the way French readers expect them.

The names of days and months are Babel's; the forms are written here because French
wants "1er" and "14 h 30", which neither strftime nor CLDR's patterns give.
"""

from engine.french import MONTHS, WEEKDAYS


def day_number(day):
    return "1er" if day == 1 else str(day)


def long_date(value, weekday=True):
    """"samedi 12 octobre 2024"."""
    text = f"{day_number(value.day)} {MONTHS[value.month - 1]} {value.year}"
    return f"{WEEKDAYS[value.weekday()]} {text}" if weekday else text


def short_date(value):
    """"12 octobre 2024", for lists."""
    return long_date(value, weekday=False)


def clock_time(value):
    """"14 h", "14 h 30"."""
    return f"{value.hour}\u00a0h" if value.minute == 0 else f"{value.hour}\u00a0h\u00a0{value.minute:02d}"


def event_when(start, end, all_day):
    """An event's dates in words.

    all_day events take `end` as the last day (inclusive); timed events take
    instants. Examples: "samedi 12 octobre 2024, 14 h – 17 h",
    "du samedi 12 au lundi 14 octobre 2024", "samedi 12 octobre 2024".
    """
    if all_day:
        first, last = start.date(), (end or start).date()
        if first == last:
            return long_date(first)
        return "du " + date_span(first, last)
    if end is None:
        return f"{long_date(start)}, {clock_time(start)}"
    if start.date() == end.date():
        return f"{long_date(start)}, {clock_time(start)} – {clock_time(end)}"
    return f"du {long_date(start)}, {clock_time(start)} au {long_date(end)}, {clock_time(end)}"


def date_span(first, last):
    """"samedi 12 au lundi 14 octobre 2024", shortest unambiguous form."""
    end = long_date(last)
    if first.year != last.year:
        return f"{long_date(first)} au {end}"
    if first.month != last.month:
        return f"{WEEKDAYS[first.weekday()]} {day_number(first.day)} {MONTHS[first.month - 1]} au {end}"
    return f"{WEEKDAYS[first.weekday()]} {day_number(first.day)} au {end}"
