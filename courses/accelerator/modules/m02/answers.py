"""Right and wrong answers to m02's questions, which `academy validate` judges (right ones filter, group, join
and convert durations other ways; wrong ones count, average, divide or label the way newcomers slip)."""

#: exercise -> answer-cell code a learner might write that must PASS (another method, column order,
#: dtype, index, rounding the question allows...). At least 2 per exercise, genuinely different
#: from the published solution and from each other.
RIGHT = {
    "q1": [
        # the True values of the comparison added up
        "answer_q1 = (requests['request_type'] == 'Fly-tipping').sum()",
        # a count of every type, then fly-tipping's looked up
        "answer_q1 = requests['request_type'].value_counts()['Fly-tipping']",
        # query() to filter, the number of rows from shape
        "answer_q1 = requests.query(\"request_type == 'Fly-tipping'\").shape[0]",
        # a count per group, as in the pivot-table example, then fly-tipping's looked up
        "answer_q1 = int(requests.groupby('request_type', observed=True).size()['Fly-tipping'])",
    ],
    "q2": [
        # the days as a new column, then grouped by name
        "with_days = requests.assign(\n"
        "    days=(requests['closed_at'] - requests['opened_at']).dt.total_seconds() / 86400)\n"
        "answer_q2 = with_days.groupby('request_type', observed=True)['days'].median()",
        # durations divided by one day, and sorted slowest first
        "days = (requests['closed_at'] - requests['opened_at']) / pd.Timedelta(days=1)\n"
        "answer_q2 = days.groupby(requests['request_type']).median().sort_values(ascending=False)",
        # the median taken of the durations themselves, turned into days (via hours) afterwards
        "durations = requests['closed_at'] - requests['opened_at']\n"
        "medians = durations.groupby(requests['request_type'], observed=True).median()\n"
        "answer_q2 = medians.dt.total_seconds() / 3600 / 24",
    ],
    "q3": [
        # counts looked up with map, nlargest, the two columns in the other order
        "counts = requests.loc[requests['request_type'] == 'Missed bin', 'ward_code'].value_counts()\n"
        "rates = wards.assign(missed_bins_per_1000=wards['ward_code'].map(counts).fillna(0)\n"
        "                     / wards['households'] * 1000)\n"
        "answer_q3 = rates.nlargest(5, 'missed_bins_per_1000')[['missed_bins_per_1000', 'ward_name']]",
        # the requests joined to the wards first, then counted per ward name; a fresh 0-4 index
        "missed = requests[requests['request_type'] == 'Missed bin'].merge(wards, on='ward_code')\n"
        "per_ward = missed.groupby('ward_name').agg(bins=('request_id', 'size'), households=('households', 'first'))\n"
        "per_ward['missed_bins_per_1000'] = per_ward['bins'] / (per_ward['households'] / 1000)\n"
        "answer_q3 = (per_ward.sort_values('missed_bins_per_1000', ascending=False).head(5)\n"
        "             .reset_index()[['ward_name', 'missed_bins_per_1000']])",
        # counted with a True/False column summed per ward, rates rounded to two decimals, extra columns kept
        "flagged = requests.assign(missed=requests['request_type'] == 'Missed bin')\n"
        "bins = flagged.groupby('ward_code')['missed'].sum()\n"
        "table = wards.set_index('ward_code').join(bins)\n"
        "table['missed_bins_per_1000'] = (table['missed'] * 1000 / table['households']).round(2)\n"
        "answer_q3 = table.sort_values('missed_bins_per_1000', ascending=False).head(5)",
        # the choice of what else to show: the count and households beside the rate, the ward code left out
        "bins = requests[requests['request_type'] == 'Missed bin']['ward_code'].value_counts().rename('missed_bins')\n"
        "table = wards.merge(bins, left_on='ward_code', right_index=True, how='left').fillna({'missed_bins': 0})\n"
        "table['missed_bins_per_1000'] = (1000 * table['missed_bins'] / table['households']).round(2)\n"
        "answer_q3 = table.nlargest(5, 'missed_bins_per_1000')[['ward_name', 'missed_bins', 'households',\n"
        "                                                        'missed_bins_per_1000']]",
    ],
    "q4": [
        # months as text, value_counts put in month order
        "answer_q4 = requests['opened_at'].dt.strftime('%Y-%m').value_counts().sort_index()",
        # resample by month start: labelled by dates, not periods
        "answer_q4 = requests.set_index('opened_at').resample('MS').size()",
        # a Grouper on the date column, with the month as a plain text label
        "counts = requests.groupby(pd.Grouper(key='opened_at', freq='MS'))['request_id'].count()\n"
        "answer_q4 = counts.set_axis(counts.index.strftime('%Y-%m'))",
        # the choice of labels a manager reads easily: Jan 2024, in date order
        "months = requests['opened_at'].dt.to_period('M')\n"
        "counts = requests.groupby(months).size()\n"
        "answer_q4 = counts.set_axis(counts.index.strftime('%b %Y'))",
        # resampled to month ends: labelled by each month's last day
        "answer_q4 = requests.resample('ME', on='opened_at').size()",
    ],
    "q5": [
        # durations divided by one day
        "def days_to_close(requests):\n"
        "    return (requests['closed_at'] - requests['opened_at']) / pd.Timedelta(days=1)",
        # hours first, then days; labelled by request id
        "def days_to_close(requests):\n"
        "    hours = (requests['closed_at'] - requests['opened_at']).dt.total_seconds() / 3600\n"
        "    return (hours / 24).set_axis(requests['request_id'])",
        # row by row with apply: an open request's missing close date gives NaN by itself
        "def days_to_close(requests):\n"
        "    return requests.apply(lambda row: (row['closed_at'] - row['opened_at']).total_seconds() / 86400,\n"
        "                          axis=1)",
        # a duration of one day made with pd.to_timedelta, the subtraction with .sub
        "def days_to_close(requests):\n"
        "    one_day = pd.to_timedelta(1, unit='D')\n"
        "    return requests['closed_at'].sub(requests['opened_at']) / one_day",
    ],
}

#: exercise -> answer-cell code with the mistakes learners really make, which must FAIL. At least 2
#: per exercise. The FIRST entry of an exercise is what generated test submissions use.
WRONG = {
    "q1": [
        "answer_q1 = len(requests)",
        # count() skips the blanks: only the fly-tipping requests that have been closed
        "answer_q1 = requests[requests['request_type'] == 'Fly-tipping']['closed_at'].count()",
        # count() on the filtered table: a count per column, not one number
        "answer_q1 = requests[requests['request_type'] == 'Fly-tipping'].count()",
        # how many kinds of request there are
        "answer_q1 = requests['request_type'].nunique()",
    ],
    "q2": [
        "days = (requests['closed_at'] - requests['opened_at']).dt.total_seconds() / 86400\n"
        "answer_q2 = days.groupby(requests['request_type'], observed=True).mean()",
        # .dt.days: whole days only, the hours dropped before taking the median
        "days = (requests['closed_at'] - requests['opened_at']).dt.days\n"
        "answer_q2 = days.groupby(requests['request_type'], observed=True).median()",
        # .dt.seconds is only the seconds left over after the whole days, not the whole duration
        "days = (requests['closed_at'] - requests['opened_at']).dt.seconds / 86400\n"
        "answer_q2 = days.groupby(requests['request_type'], observed=True).median()",
        # hours, not days
        "hours = (requests['closed_at'] - requests['opened_at']).dt.total_seconds() / 3600\n"
        "answer_q2 = hours.groupby(requests['request_type'], observed=True).median()",
        # one median over every request, not one per type
        "answer_q2 = ((requests['closed_at'] - requests['opened_at']).dt.total_seconds() / 86400).median()",
    ],
    "q3": [
        "bins = requests[requests['request_type'] == 'Missed bin'].groupby('ward_code').size()"
        ".rename('missed_bins_per_1000')\n"
        "answer_q3 = wards.merge(bins, left_on='ward_code', right_index=True)"
        ".sort_values('missed_bins_per_1000', ascending=False)"
        ".head(5)[['ward_name', 'missed_bins_per_1000']]",
        # sorted smallest first and took the last five: the right wards, but not largest first
        "bins = requests[requests['request_type'] == 'Missed bin'].groupby('ward_code').size().rename('bins')\n"
        "table = wards.merge(bins, left_on='ward_code', right_index=True)\n"
        "table['missed_bins_per_1000'] = table['bins'] / table['households'] * 1000\n"
        "answer_q3 = table.sort_values('missed_bins_per_1000').tail(5)[['ward_name', 'missed_bins_per_1000']]",
        # forgot ascending=False: the five lowest wards
        "bins = requests[requests['request_type'] == 'Missed bin'].groupby('ward_code').size().rename('bins')\n"
        "table = wards.merge(bins, left_on='ward_code', right_index=True)\n"
        "table['missed_bins_per_1000'] = table['bins'] / table['households'] * 1000\n"
        "answer_q3 = table.sort_values('missed_bins_per_1000').head(5)[['ward_name', 'missed_bins_per_1000']]",
        # per 1,000 residents (population), not per 1,000 households
        "bins = requests[requests['request_type'] == 'Missed bin'].groupby('ward_code').size().rename('bins')\n"
        "table = wards.merge(bins, left_on='ward_code', right_index=True)\n"
        "table['missed_bins_per_1000'] = table['bins'] / table['population'] * 1000\n"
        "answer_q3 = table.nlargest(5, 'missed_bins_per_1000')[['ward_name', 'missed_bins_per_1000']]",
        # per household: the * 1000 left out
        "bins = requests[requests['request_type'] == 'Missed bin'].groupby('ward_code').size().rename('bins')\n"
        "table = wards.merge(bins, left_on='ward_code', right_index=True)\n"
        "table['missed_bins_per_1000'] = table['bins'] / table['households']\n"
        "answer_q3 = table.nlargest(5, 'missed_bins_per_1000')[['ward_name', 'missed_bins_per_1000']]",
        # every kind of request counted, not only missed bins
        "table = wards.merge(requests.groupby('ward_code').size().rename('bins'), left_on='ward_code',\n"
        "                    right_index=True)\n"
        "table['missed_bins_per_1000'] = table['bins'] / table['households'] * 1000\n"
        "answer_q3 = table.nlargest(5, 'missed_bins_per_1000')[['ward_name', 'missed_bins_per_1000']]",
    ],
    "q4": [
        "answer_q4 = requests['opened_at'].dt.month.value_counts()",
        # month names: April 2023 and April 2024 counted together
        "answer_q4 = requests['opened_at'].dt.month_name().value_counts()",
        # the month each request was closed, not opened
        "answer_q4 = requests.groupby(requests['closed_at'].dt.to_period('M')).size()",
        # count() on the whole table: a count per column, and closed_at misses the open requests
        "answer_q4 = requests.groupby(requests['opened_at'].dt.to_period('M')).count()",
        # the years alone
        "answer_q4 = requests['opened_at'].dt.year.value_counts().sort_index()",
        # per day, not per month
        "answer_q4 = requests.groupby(requests['opened_at'].dt.date).size()",
        # count() of closed_at per month: the requests still open are left out
        "answer_q4 = requests.groupby(requests['opened_at'].dt.to_period('M'))['closed_at'].count()",
    ],
    "q5": [
        "def days_to_close(requests):\n    return (requests['closed_at'] - requests['opened_at']).dt.days",
        # .dt.seconds: only the part of a day left over
        "def days_to_close(requests):\n"
        "    return (requests['closed_at'] - requests['opened_at']).dt.seconds / 86400",
        # the subtraction the wrong way round: negative days
        "def days_to_close(requests):\n"
        "    return (requests['opened_at'] - requests['closed_at']).dt.total_seconds() / 86400",
        # open requests given 0 days instead of nothing
        "def days_to_close(requests):\n"
        "    return ((requests['closed_at'] - requests['opened_at']).dt.total_seconds() / 86400).fillna(0)",
        # printed the answer instead of returning it
        "def days_to_close(requests):\n"
        "    print((requests['closed_at'] - requests['opened_at']).dt.total_seconds() / 86400)",
        # the durations themselves, never turned into days
        "def days_to_close(requests):\n    return requests['closed_at'] - requests['opened_at']",
        # the open requests dropped
        "def days_to_close(requests):\n"
        "    return ((requests['closed_at'] - requests['opened_at']).dt.total_seconds() / 86400).dropna()",
        # rounded to whole days
        "def days_to_close(requests):\n"
        "    return ((requests['closed_at'] - requests['opened_at']).dt.total_seconds() / 86400).round()",
        # the notebook's own requests table used, not the one the function is given
        "def days_to_close(table):\n"
        "    return (requests['closed_at'] - requests['opened_at']).dt.total_seconds() / 86400",
    ],
}
