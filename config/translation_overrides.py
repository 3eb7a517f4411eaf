"""Messages of Django itself whose stock Vietnamese translation is wrong.

Listing them here puts them in our catalogue (locale/vi), which Django reads
before its own: "Enter a whole number." ships as "Nhập một số tổng thể."
("a total number"); ward officers expect "Nhập một số nguyên.".
"""

from django.utils.translation import gettext_noop

OVERRIDDEN = [gettext_noop("Enter a whole number.")]
