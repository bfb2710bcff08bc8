"""Procurement: the law's limits (`limits`), states derived from dates
(`states`), the rules with dates and today's date (`rules/`), the deadlines list
(`deadlines`) and the OCDS export (`ocds`)."""
