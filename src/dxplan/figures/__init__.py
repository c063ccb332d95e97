"""The public figures: what the public may see of an indicator, read once for every face.

`read` gives plain records (`records`) of an indicator, its series, its public figures
(Observation.objects.public(), the one definition) and their assessment, in a fixed number of
queries; `words` puts them in words (status counts, the rule, the method, a series' title,
rows, forecast and chart) and `downloads` lays them out for CSV and JSON. The portal and the
API (and, later, reports and exports) read these; no app imports them.
"""
