"""What cleaning says: the problem codes a cleaner gives a value it cannot make valid, the kinds
of change it counts, and the cleaned column (``Cleaned``) ``clean.clean_column`` returns."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

import polars as pl

#: Problem codes a cleaner gives a value it cannot make valid (see ``validate.REASONS``).
NOT_PHONE = "not_phone"
NOT_EMAIL = "not_email"
NOT_NUMBER = "not_number"
NOT_DATE = "not_date"
NOT_DATETIME = "not_datetime"
NOT_BOOL = "not_bool"
NOT_OPTION = "not_option"
BAD_CREDIT_CODE = "bad_credit_code"
FORMULA_ERROR = "formula_error"

#: Kinds of change, counted per field and shown (``report.cleaning``).
TRIMMED = "trimmed"
#: NUL and the other control characters no one can see or type (tab and line breaks kept).
CONTROL = "control_removed"
WIDTH = "full_width"
MOBILE = "mobile_normalised"
LANDLINE = "landline_kept"
EMAIL_CASE = "email_lower_cased"
EMAIL_TYPO = "email_domain_typo"
AMOUNT = "amount_parsed"
DATE = "date_parsed"
OPTION = "option_matched"
COMPANY = "company_normalised"
CODE = "code_upper_cased"
BOOL = "yes_no_parsed"
SIMPLIFIED = "traditional_to_simplified"
EMAIL_UNWRAPPED = "email_unwrapped"


@dataclass
class Cleaned:
    """A cleaned column: the values, a problem code per row (null: fine), the changes made."""

    values: pl.Series
    problems: pl.Series
    changes: Counter[str] = field(default_factory=Counter)
    #: For phone fields: landlines moved out of a mobile-only field (kept, never dropped).
    landlines: pl.Series | None = None
