"""Right and wrong answers to c09's questions, which `academy validate` judges (right ones count, group and
square-root other ways; wrong ones slip the way learners do: counts for shares, the wrong years, a 90% interval,
standard errors added, the verdict read off the middle of the interval)."""

RIGHT = {
    "q1": [
        # query() and a crosstab of group by improved, each row as shares
        "rows = outcomes.query(\"outcome == 'school_attendance_pct'\").merge(families, on='family_id')\n"
        "answer_q1 = pd.crosstab(rows['joined'], rows['after'] > rows['before'], normalize='index')[True]",
        # a new True/False column, averaged per group by name
        "att = outcomes[outcomes['outcome'].astype(str) == 'school_attendance_pct']\n"
        "att = att.merge(families[['family_id', 'joined']], on='family_id')\n"
        "answer_q1 = att.assign(up=att['after'].gt(att['before'])).groupby('joined')['up'].mean()",
        # counts divided by each group's size, then labelled in words the check reads
        "att = outcomes[outcomes['outcome'] == 'school_attendance_pct'].merge(families, on='family_id')\n"
        "up = (att['after'] - att['before'] > 0).groupby(att['joined']).sum()\n"
        "answer_q1 = up / att.groupby('joined').size()",
        # joined looked up with map, a dict of the two shares
        "att = outcomes[outcomes['outcome'] == 'school_attendance_pct'].copy()\n"
        "att['joined'] = att['family_id'].map(families.set_index('family_id')['joined'])\n"
        "answer_q1 = {True: (att.loc[att['joined'], 'after'] > att.loc[att['joined'], 'before']).mean(),\n"
        "             False: (att.loc[~att['joined'], 'after'] > att.loc[~att['joined'], 'before']).mean()}",
    ],
    "q2": [
        # from counts, with numpy's square root and 1.96
        "import numpy as np\n"
        "up = (rows['after'] > rows['before'])\n"
        "k, n = up.groupby(rows['joined']).sum(), up.groupby(rows['joined']).size()\n"
        "p = k / n\n"
        "se = np.sqrt(p[True] * (1 - p[True]) / n[True] + p[False] * (1 - p[False]) / n[False])\n"
        "d = p[True] - p[False]\n"
        "answer_q2 = {'low': d - 1.96 * se, 'difference': d, 'high': d + 1.96 * se}",
        # each group's variance of the True/False column (n - 1, as pandas does): the same to three decimals
        "up = (rows['after'] > rows['before']).astype(float)\n"
        "g1, g0 = up[rows['joined'].to_numpy()], up[~rows['joined'].to_numpy()]\n"
        "d = g1.mean() - g0.mean()\n"
        "se = (g1.var() / len(g1) + g0.var() / len(g0)) ** 0.5\n"
        "answer_q2 = pd.Series({'difference': d, 'low': d - 1.959964 * se, 'high': d + 1.959964 * se})",
        # scipy's normal quantile for 95%
        "from scipy.stats import norm\n"
        "n = rows['joined'].value_counts()\n"
        "d = answer_q1[True] - answer_q1[False]\n"
        "se = (sum(answer_q1[g] * (1 - answer_q1[g]) / n[g] for g in (True, False))) ** 0.5\n"
        "z = norm.ppf(0.975)\n"
        "answer_q2 = dict(difference=d, low=d - z * se, high=d + z * se)",
    ],
    "q3": [
        # the verdict worked out with an if statement
        "if answer_q2['low'] >= 0.25:\n"
        "    answer_q3 = 'met'\n"
        "elif answer_q2['high'] < 0.25:\n"
        "    answer_q3 = 'not met'\n"
        "else:\n"
        "    answer_q3 = 'cannot tell'",
        # the words written another way, capitals and all
        "low, high = answer_q2['low'], answer_q2['high']\n"
        "answer_q3 = 'Target met' if low >= 0.25 else 'Target not met' if high < 0.25 else \"Can't tell\"",
    ],
}

WRONG = {
    "q1": [
        # counts, not shares
        "rows = outcomes[outcomes['outcome'] == 'school_attendance_pct'].merge(families, on='family_id')\n"
        "answer_q1 = (rows['after'] > rows['before']).groupby(rows['joined']).sum()",
        # every outcome mixed together
        "every = outcomes.merge(families, on='family_id')\n"
        "answer_q1 = (every['after'] > every['before']).groupby(every['joined']).mean()",
        # compared with two years before, not the year before
        "rows = outcomes[outcomes['outcome'] == 'school_attendance_pct'].merge(families, on='family_id')\n"
        "answer_q1 = (rows['after'] > rows['earlier']).groupby(rows['joined']).mean()",
        # divided by every family
        "rows = outcomes[outcomes['outcome'] == 'school_attendance_pct'].merge(families, on='family_id')\n"
        "answer_q1 = (rows['after'] > rows['before']).groupby(rows['joined']).sum() / len(rows)",
        # the share whose attendance fell
        "rows = outcomes[outcomes['outcome'] == 'school_attendance_pct'].merge(families, on='family_id')\n"
        "answer_q1 = (rows['after'] < rows['before']).groupby(rows['joined']).mean()",
    ],
    "q2": [
        # a 90% interval
        "n = rows.groupby('joined').size()\n"
        "p = answer_q1\n"
        "se = (p[True] * (1 - p[True]) / n[True] + p[False] * (1 - p[False]) / n[False]) ** 0.5\n"
        "d = p[True] - p[False]\n"
        "answer_q2 = {'difference': d, 'low': d - 1.645 * se, 'high': d + 1.645 * se}",
        # the two standard errors added
        "n = rows.groupby('joined').size()\n"
        "p = answer_q1\n"
        "se = (p[True] * (1 - p[True]) / n[True]) ** 0.5 + (p[False] * (1 - p[False]) / n[False]) ** 0.5\n"
        "d = p[True] - p[False]\n"
        "answer_q2 = {'difference': d, 'low': d - 1.96 * se, 'high': d + 1.96 * se}",
        # the others minus the joined
        "n = rows.groupby('joined').size()\n"
        "p = answer_q1\n"
        "se = (p[True] * (1 - p[True]) / n[True] + p[False] * (1 - p[False]) / n[False]) ** 0.5\n"
        "d = p[False] - p[True]\n"
        "answer_q2 = {'difference': d, 'low': d - 1.96 * se, 'high': d + 1.96 * se}",
        # percentage points
        "n = rows.groupby('joined').size()\n"
        "p = answer_q1\n"
        "se = (p[True] * (1 - p[True]) / n[True] + p[False] * (1 - p[False]) / n[False]) ** 0.5\n"
        "d = p[True] - p[False]\n"
        "answer_q2 = {'difference': 100 * d, 'low': 100 * (d - 1.96 * se), 'high': 100 * (d + 1.96 * se)}",
    ],
    "q3": [
        # True/False from the low end: it has no way to say "cannot tell"
        "answer_q3 = answer_q2['low'] >= 0.25",
        # the verdict printed, not kept in answer_q3
        "low, high = answer_q2['low'], answer_q2['high']\n"
        "print('met' if low >= 0.25 else ('not met' if high < 0.25 else 'cannot tell'))",
    ],
}
