"""Right and wrong answers to m04's questions, which `academy validate` judges (charts are read for what they
say, so right ones draw the same bars other ways; wrong ones count areas not people, or misorder and mislabel)."""

#: exercise -> answer-cell code a learner might write that must PASS (another method, column order,
#: dtype, index, rounding the question allows...). At least 2 per exercise, genuinely different
#: from the published solution and from each other.
RIGHT = {
    "q1": [
        # names joined on first with merge, then both sums in one groupby
        "merged = lsoas.merge(councils[['council_code', 'council_name']], on='council_code')\n"
        "merged['deprived_pop'] = merged['population'] * (merged['imd_decile'] == 1)\n"
        "sums = merged.groupby('council_name')[['deprived_pop', 'population']].sum()\n"
        "answer_q1 = (100 * sums['deprived_pop'] / sums['population']).sort_values(ascending=False)",
        # only the decile-1 areas summed, divided by the councils table's population (the sum of its LSOAs)
        "deprived = lsoas[lsoas['imd_decile'] == 1].groupby('council_code')['population'].sum()\n"
        "by_council = councils.set_index('council_code')\n"
        "share = deprived.reindex(by_council.index, fill_value=0) / by_council['population'] * 100\n"
        "answer_q1 = share.set_axis(by_council['council_name']).sort_values(ascending=False)",
        # a pivot table of population by council and decile, then decile 1's column as a per cent of the row
        "table = lsoas.pivot_table(index='council_code', columns='imd_decile', values='population',\n"
        "                          aggfunc='sum', fill_value=0)\n"
        "share = table[1] / table.sum(axis=1) * 100\n"
        "share.index = share.index.map(dict(zip(councils['council_code'], councils['council_name'])))\n"
        "answer_q1 = share.sort_values(ascending=False).rename('per_cent_of_residents')",
        # rounded to one decimal place, as a committee report would print it (the question allows it)
        "deprived = lsoas.loc[lsoas['imd_decile'] == 1].groupby('council_code')['population'].sum()\n"
        "total = lsoas.groupby('council_code')['population'].sum()\n"
        "share = (deprived.reindex(total.index, fill_value=0) / total * 100).round(1)\n"
        "share.index = share.index.map(councils.set_index('council_code')['council_name'])\n"
        "answer_q1 = share.sort_values(ascending=False)",
    ],
    "q2": [
        # largest first as it is, and the axis turned upside down so the first bar is at the top
        "fig, ax = plt.subplots(figsize=(7, 4))\n"
        "ax.barh(answer_q1.index, answer_q1.values)\n"
        "ax.invert_yaxis()\n"
        "ax.set_title('Share of residents living in the most deprived 10% of areas, by council')\n"
        "ax.set_xlabel('Per cent of residents')\n"
        "answer_q2 = ax",
        # pandas' own plot, which returns the axes
        "answer_q2 = answer_q1.sort_values().plot.barh(\n"
        "    title='Residents in IMD decile 1 areas', xlabel='Percent of residents', ylabel='')",
        # pyplot's state-machine calls, bars at numbered positions with the names as tick labels
        "ranked = answer_q1.sort_values(ascending=True)\n"
        "plt.figure()\n"
        "plt.barh(range(len(ranked)), ranked.to_list())\n"
        "plt.yticks(range(len(ranked)), ranked.index)\n"
        "plt.title('Most deprived areas: where residents live')\n"
        "plt.xlabel('Residents in decile 1 (%)')\n"
        "answer_q2 = plt.gca()",
    ],
    "q3": [
        # groupby and size, one row counted per area
        "answer_q3 = lsoas.groupby('imd_decile').size()",
        # NumPy's bincount, with the deciles put on as the index
        "import numpy as np\n"
        "answer_q3 = pd.Series(np.bincount(lsoas['imd_decile'], minlength=11)[1:], index=range(1, 11))",
        # a one-column table of counts from pivot_table, the deciles as text labels
        "counts = lsoas.pivot_table(index='imd_decile', values='lsoa_code', aggfunc='count')\n"
        "counts.index = counts.index.astype(str)\n"
        "answer_q3 = counts",
    ],
    "q4": [
        # pandas' bar plot: positions 0 to 9 with the deciles as tick labels
        "fig, ax = plt.subplots()\n"
        "answer_q3.plot.bar(ax=ax, rot=0, title='LSOAs in each deprivation decile')\n"
        "ax.set_xlabel('Deprivation decile (1 = most deprived 10%)')\n"
        "ax.set_ylabel('Count of LSOAs')\n"
        "answer_q4 = ax",
        # a histogram of the deciles, one bin per decile
        "import numpy as np\n"
        "fig, ax = plt.subplots()\n"
        "ax.hist(lsoas['imd_decile'], bins=np.arange(0.5, 11.5, 1), rwidth=0.8)\n"
        "ax.set_xticks(range(1, 11))\n"
        "ax.set_xlabel('IMD decile, where 1 is the most deprived')\n"
        "ax.set_ylabel('Number of areas')\n"
        "ax.set_title('How deprived are our areas?')\n"
        "answer_q4 = ax",
        # counted afresh, the deciles drawn as text categories
        "counts = lsoas['imd_decile'].value_counts().sort_index()\n"
        "fig, ax = plt.subplots(figsize=(6, 3))\n"
        "ax.bar([str(d) for d in counts.index], counts.to_list(), color='grey')\n"
        "ax.set(title='Areas by IMD decile', xlabel='IMD decile (1 = most deprived)', ylabel='LSOAs')\n"
        "answer_q4 = ax",
    ],
    "q5": [
        # merge and one groupby, as in question 1's other way
        "def most_deprived_share(lsoas, councils):\n"
        "    merged = lsoas.merge(councils[['council_code', 'council_name']], on='council_code')\n"
        "    merged['deprived_pop'] = merged['population'].where(merged['imd_decile'] == 1, 0)\n"
        "    sums = merged.groupby('council_name')[['deprived_pop', 'population']].sum()\n"
        "    return (sums['deprived_pop'] / sums['population'] * 100).sort_values(ascending=False)",
        # a share worked out council by council with apply
        "def most_deprived_share(lsoas, councils):\n"
        "    names = councils.set_index('council_code')['council_name']\n"
        "    share = lsoas.groupby('council_code').apply(\n"
        "        lambda g: 100 * g.loc[g['imd_decile'] == 1, 'population'].sum() / g['population'].sum())\n"
        "    share.index = share.index.map(names)\n"
        "    return share.sort_values(ascending=False)",
        # a loop over the councils, building a dictionary
        "def most_deprived_share(lsoas, councils):\n"
        "    shares = {}\n"
        "    for code, name in zip(councils['council_code'], councils['council_name']):\n"
        "        own = lsoas[lsoas['council_code'] == code]\n"
        "        if len(own):\n"
        "            deprived = own.loc[own['imd_decile'] == 1, 'population'].sum()\n"
        "            shares[name] = deprived / own['population'].sum() * 100\n"
        "    return pd.Series(shares).sort_values(ascending=False)",
    ],
    "q6": [
        # columns, months as text labels (which sort in time order), counted with strftime
        "asb = incidents.loc[incidents['incident_type'].eq('Anti-social behaviour'), 'reported_at']\n"
        "monthly = asb.dt.strftime('%Y-%m').value_counts().sort_index()\n"
        "fig, ax = plt.subplots(figsize=(10, 4))\n"
        "ax.bar(monthly.index, monthly.values, color='darkorange')\n"
        "ax.tick_params(axis='x', labelrotation=90)\n"
        "ax.set(title='Anti-social behaviour reported to the council', xlabel='Month', "
        "ylabel='Number of reports in the month')\n"
        "answer_q6 = ax",
        # resampled to month starts and drawn with pandas on its own axes
        "counts = (incidents[incidents['incident_type'] == 'Anti-social behaviour']\n"
        "          .set_index('reported_at').resample('MS').size())\n"
        "fig, ax = plt.subplots()\n"
        "counts.plot(ax=ax, title='ASB reports per month', xlabel='Date', ylabel='ASB reports per month')\n"
        "answer_q6 = ax",
        # the learner's choice of a second line, youth offences, with a legend saying which is which
        "months = incidents['reported_at'].dt.to_period('M')\n"
        "table = pd.crosstab(months, incidents['incident_type'])\n"
        "fig, ax = plt.subplots(figsize=(9, 4))\n"
        "for kind in table.columns:\n"
        "    ax.plot(table.index.to_timestamp(), table[kind], label=kind)\n"
        "ax.legend()\n"
        "ax.set_title('Incidents reported each month, 2022-25')\n"
        "ax.set_xlabel('Month reported')\n"
        "ax.set_ylabel('Incidents per month')\n"
        "answer_q6 = ax",
        # year and month grouped separately, drawn at positions 0 to 35 with month names as tick labels
        "asb = incidents[incidents['incident_type'] == 'Anti-social behaviour']\n"
        "when = asb['reported_at']\n"
        "counts = asb.groupby([when.dt.year, when.dt.month]).size()\n"
        "fig, ax = plt.subplots()\n"
        "ax.plot(range(len(counts)), counts.to_list(), marker='.')\n"
        "ax.set_xticks(range(0, len(counts), 6), [f'{m}/{y}' for y, m in counts.index[::6]])\n"
        "ax.set(title='Anti-social behaviour, monthly', xlabel='Month/year', ylabel='Reports')\n"
        "answer_q6 = ax",
    ],
    "q7": [
        # pandas' scatter makes its own figure and a colour bar labelled with the column's name
        "answer_q7 = lsoas.plot.scatter(x='longitude', y='latitude', c='imd_decile', cmap='viridis', s=5,\n"
        "                               title='IMD decile of every LSOA in Greater Manchester')",
        # one set of points per decile, with a legend whose title decodes it
        "fig, ax = plt.subplots(figsize=(7, 6))\n"
        "colours = plt.get_cmap('RdYlGn', 10)\n"
        "for decile, areas in lsoas.groupby('imd_decile'):\n"
        "    ax.scatter(areas['longitude'], areas['latitude'], s=6, color=colours(decile - 1), label=str(decile))\n"
        "ax.legend(title='IMD decile\\n(1 = most deprived)', fontsize='small', markerscale=2)\n"
        "ax.set_title('Where the most deprived areas are')\n"
        "answer_q7 = ax",
        # a horizontal colour bar under the map, ten steps in the colour map
        "fig, ax = plt.subplots()\n"
        "dots = ax.scatter(x=lsoas.longitude, y=lsoas.latitude, c=lsoas.imd_decile, cmap=plt.get_cmap('magma', 10),\n"
        "                  vmin=0.5, vmax=10.5, s=4)\n"
        "bar = fig.colorbar(dots, ax=ax, orientation='horizontal')\n"
        "bar.set_label('Deprivation decile: 1 is the most deprived tenth of England')\n"
        "ax.set_title('Deprivation by LSOA')\n"
        "answer_q7 = ax",
    ],
    "q8": [
        # Salford, names joined on with merge, drawn largest first with the axis turned over
        "named = lsoas.merge(wards[['ward_code', 'ward_name']], on='ward_code')\n"
        "salford = named[named['council_code'] == 'E08000006'].copy()\n"
        "salford['deprived'] = salford['population'] * (salford['imd_decile'] == 1)\n"
        "sums = salford.groupby('ward_name')[['deprived', 'population']].sum()\n"
        "share = (sums['deprived'] / sums['population'] * 100).sort_values(ascending=False)\n"
        "fig, ax = plt.subplots(figsize=(6, 7))\n"
        "ax.barh(share.index, share.values)\n"
        "ax.invert_yaxis()\n"
        "ax.set(title='Salford wards: share of residents in the most deprived decile', "
        "xlabel='Per cent of residents')\n"
        "answer_q8 = ax",
        # Stockport, rounded to one decimal place, with pyplot's own calls (many wards at 0%)
        "code = councils.loc[councils['council_name'] == 'Stockport', 'council_code'].iloc[0]\n"
        "own = lsoas[lsoas['council_code'] == code]\n"
        "table = own.pivot_table(index='ward_code', columns='imd_decile', values='population', aggfunc='sum',\n"
        "                        fill_value=0)\n"
        "share = (table.get(1, 0) / table.sum(axis=1) * 100).round(1)\n"
        "share.index = share.index.map(dict(zip(wards['ward_code'], wards['ward_name'])))\n"
        "share = share.sort_values()\n"
        "plt.figure(figsize=(6, 6))\n"
        "plt.barh(share.index, share.values)\n"
        "plt.title('Stockport: residents living in decile-1 areas, by ward')\n"
        "plt.xlabel('% of residents')\n"
        "answer_q8 = plt.gca()",
        # Oldham, with pandas drawing the sorted Series on its own axes
        "oldham = lsoas.query(\"council_code == 'E08000004'\")\n"
        "share = oldham.groupby('ward_code').apply(\n"
        "    lambda w: 100 * w.loc[w['imd_decile'] == 1, 'population'].sum() / w['population'].sum())\n"
        "share.index = share.index.map(wards.set_index('ward_code')['ward_name'])\n"
        "fig, ax = plt.subplots()\n"
        "share.sort_values().plot.barh(ax=ax, title='Oldham: % of residents in the most deprived 10% of areas',\n"
        "                              xlabel='Ward', ylabel='')\n"
        "ax.set_xlabel('% of residents')\n"
        "answer_q8 = ax",
    ],
}

#: exercise -> answer-cell code with the mistakes learners really make, which must FAIL. At least 2
#: per exercise. The FIRST entry of an exercise is what generated test submissions use.
WRONG = {
    "q1": [
        # the share of areas in decile 1, not of residents
        "answer_q1 = (lsoas['imd_decile'] == 1).groupby(lsoas['council_code']).mean() * 100\n"
        "answer_q1.index = answer_q1.index.map(councils.set_index('council_code')['council_name'])\n"
        "answer_q1 = answer_q1.sort_values(ascending=False)",
        # fractions, not per cents
        "deprived = lsoas['population'].where(lsoas['imd_decile'] == 1, 0).groupby(lsoas['council_code']).sum()\n"
        "answer_q1 = deprived / lsoas.groupby('council_code')['population'].sum()\n"
        "answer_q1.index = answer_q1.index.map(councils.set_index('council_code')['council_name'])\n"
        "answer_q1 = answer_q1.sort_values(ascending=False)",
        # divided by the whole area's population instead of each council's
        "deprived = lsoas['population'].where(lsoas['imd_decile'] == 1, 0).groupby(lsoas['council_code']).sum()\n"
        "answer_q1 = deprived / lsoas['population'].sum() * 100\n"
        "answer_q1.index = answer_q1.index.map(councils.set_index('council_code')['council_name'])\n"
        "answer_q1 = answer_q1.sort_values(ascending=False)",
        # right numbers, but still labelled by council code
        "deprived = lsoas['population'].where(lsoas['imd_decile'] == 1, 0).groupby(lsoas['council_code']).sum()\n"
        "answer_q1 = (deprived / lsoas.groupby('council_code')['population'].sum() * 100)"
        ".sort_values(ascending=False)",
        # sort_values() alone sorts smallest first
        "deprived = lsoas['population'].where(lsoas['imd_decile'] == 1, 0).groupby(lsoas['council_code']).sum()\n"
        "answer_q1 = deprived / lsoas.groupby('council_code')['population'].sum() * 100\n"
        "answer_q1.index = answer_q1.index.map(councils.set_index('council_code')['council_name'])\n"
        "answer_q1 = answer_q1.sort_values()",
    ],
    "q2": [
        # upright bars: the long council names crowd the bottom
        "fig, ax = plt.subplots()\nax.bar(answer_q1.index, answer_q1.values)\nanswer_q2 = ax",
        # barh straight from the largest-first answer: the largest ends up at the bottom
        "fig, ax = plt.subplots()\n"
        "ax.barh(answer_q1.index, answer_q1.values)\n"
        "ax.set_title('Residents living in the most deprived 10% of areas')\n"
        "ax.set_xlabel('% of residents')\n"
        "answer_q2 = ax",
        # the unit put on the council-name axis, none on the value axis
        "ranked = answer_q1.sort_values()\n"
        "fig, ax = plt.subplots()\n"
        "ax.barh(ranked.index, ranked.values)\n"
        "ax.set_title('Residents living in the most deprived 10% of areas')\n"
        "ax.set_ylabel('% of residents')\n"
        "answer_q2 = ax",
        # no title: the committee has to guess what the bars are
        "ranked = answer_q1.sort_values()\n"
        "fig, ax = plt.subplots()\n"
        "ax.barh(ranked.index, ranked.values)\n"
        "ax.set_xlabel('% of residents')\n"
        "answer_q2 = ax",
    ],
    "q3": [
        # residents per decile, not areas
        "answer_q3 = lsoas.groupby('imd_decile')['population'].sum()",
        # shares of the areas, not counts
        "answer_q3 = lsoas['imd_decile'].value_counts(normalize=True).sort_index()",
        # count() on the whole table: a count for every column
        "answer_q3 = lsoas.groupby('imd_decile').count()",
        # counted the income deprivation decile instead of the overall IMD decile
        "answer_q3 = lsoas['income_decile'].value_counts().sort_index()",
        # the counts sorted instead of the labels: the question asks for deciles 1 to 10 in order
        "answer_q3 = lsoas['imd_decile'].value_counts().sort_values()",
    ],
    "q4": [
        # bars with no labels and no title
        "fig, ax = plt.subplots()\nax.bar(answer_q3.index, answer_q3.values)\nanswer_q4 = ax",
        # horizontal bars, copied from question 2
        "fig, ax = plt.subplots()\n"
        "ax.barh(answer_q3.index, answer_q3.values)\n"
        "ax.set_ylabel('IMD decile (1 = most deprived)')\n"
        "ax.set_xlabel('Number of LSOAs')\n"
        "ax.set_title('Areas by deprivation decile')\n"
        "answer_q4 = ax",
        # the axis labels swapped round
        "fig, ax = plt.subplots()\n"
        "ax.bar(answer_q3.index, answer_q3.values)\n"
        "ax.set_xlabel('Number of LSOAs')\n"
        "ax.set_ylabel('IMD decile (1 = most deprived)')\n"
        "ax.set_title('Areas by deprivation decile')\n"
        "answer_q4 = ax",
        # residents per decile drawn instead of the count of areas
        "people = lsoas.groupby('imd_decile')['population'].sum()\n"
        "fig, ax = plt.subplots()\n"
        "ax.bar(people.index, people.values)\n"
        "ax.set_xlabel('IMD decile (1 = most deprived)')\n"
        "ax.set_ylabel('Number of residents')\n"
        "ax.set_title('Residents by deprivation decile')\n"
        "answer_q4 = ax",
    ],
    "q5": [
        # the share of areas, by council code, unsorted
        "def most_deprived_share(lsoas, councils):\n"
        "    return (lsoas['imd_decile'] == 1).groupby(lsoas['council_code']).mean() * 100",
        # right per cents, but never given the council names or sorted
        "def most_deprived_share(lsoas, councils):\n"
        "    deprived = lsoas['population'].where(lsoas['imd_decile'] == 1, 0).groupby(lsoas['council_code']).sum()\n"
        "    return deprived / lsoas.groupby('council_code')['population'].sum() * 100",
        # fractions, not per cents
        "def most_deprived_share(lsoas, councils):\n"
        "    deprived = lsoas['population'].where(lsoas['imd_decile'] == 1, 0).groupby(lsoas['council_code']).sum()\n"
        "    share = deprived / lsoas.groupby('council_code')['population'].sum()\n"
        "    share.index = share.index.map(councils.set_index('council_code')['council_name'])\n"
        "    return share.sort_values(ascending=False)",
        # prints the answer instead of returning it
        "def most_deprived_share(lsoas, councils):\n"
        "    deprived = lsoas['population'].where(lsoas['imd_decile'] == 1, 0).groupby(lsoas['council_code']).sum()\n"
        "    share = deprived / lsoas.groupby('council_code')['population'].sum() * 100\n"
        "    share.index = share.index.map(councils.set_index('council_code')['council_name'])\n"
        "    print(share.sort_values(ascending=False))",
    ],
    "q6": [
        # every incident counted, youth offences too
        "monthly = incidents['reported_at'].dt.to_period('M').value_counts().sort_index()\n"
        "fig, ax = plt.subplots()\n"
        "ax.plot(monthly.index.to_timestamp(), monthly.values)\n"
        "ax.set(title='Reports per month', xlabel='Month', ylabel='Reports per month')\n"
        "answer_q6 = ax",
        # value_counts left biggest first, so the line jumps about in time
        "asb = incidents[incidents['incident_type'] == 'Anti-social behaviour']\n"
        "monthly = asb['reported_at'].dt.strftime('%Y-%m').value_counts()\n"
        "fig, ax = plt.subplots()\n"
        "ax.plot(monthly.index, monthly.values)\n"
        "ax.set(title='ASB reports per month', xlabel='Month', ylabel='Reports per month')\n"
        "answer_q6 = ax",
        # months of the year added together over the three years: 12 points, not 36
        "asb = incidents[incidents['incident_type'] == 'Anti-social behaviour']\n"
        "by_month = asb['reported_at'].dt.month.value_counts().sort_index()\n"
        "fig, ax = plt.subplots()\n"
        "ax.plot(by_month.index, by_month.values)\n"
        "ax.set(title='ASB reports by month', xlabel='Month', ylabel='Reports per month')\n"
        "answer_q6 = ax",
        # the right line, but no title and no axis labels
        "asb = incidents[incidents['incident_type'] == 'Anti-social behaviour']\n"
        "monthly = asb['reported_at'].dt.to_period('M').value_counts().sort_index()\n"
        "fig, ax = plt.subplots()\n"
        "ax.plot(monthly.index.to_timestamp(), monthly.values)\n"
        "answer_q6 = ax",
    ],
    "q7": [
        # coloured, but no key: a reader cannot tell dark from light
        "fig, ax = plt.subplots()\n"
        "ax.scatter(lsoas['longitude'], lsoas['latitude'], c=lsoas['imd_decile'], s=5)\n"
        "ax.set_title('Deprivation by LSOA')\n"
        "answer_q7 = ax",
        # latitude across and longitude up: the map lies on its side
        "fig, ax = plt.subplots()\n"
        "points = ax.scatter(lsoas['latitude'], lsoas['longitude'], c=lsoas['imd_decile'], s=5)\n"
        "fig.colorbar(points, ax=ax, label='IMD decile (1 = most deprived)')\n"
        "ax.set_title('Deprivation by LSOA')\n"
        "answer_q7 = ax",
        # coloured by the national rank, not the decile the question asks for
        "fig, ax = plt.subplots()\n"
        "points = ax.scatter(lsoas['longitude'], lsoas['latitude'], c=lsoas['imd_rank'], s=5)\n"
        "fig.colorbar(points, ax=ax, label='IMD decile (1 = most deprived)')\n"
        "ax.set_title('Deprivation by LSOA')\n"
        "answer_q7 = ax",
        # every point the same colour
        "fig, ax = plt.subplots()\n"
        "ax.scatter(lsoas['longitude'], lsoas['latitude'], s=5)\n"
        "ax.set_title('Deprivation by LSOA')\n"
        "answer_q7 = ax",
    ],
    "q8": [
        # the share of each ward's areas in decile 1, not of its residents
        "own = lsoas[lsoas['council_code'] == 'E08000003']\n"
        "share = (own['imd_decile'] == 1).groupby(own['ward_code']).mean() * 100\n"
        "share.index = share.index.map(wards.set_index('ward_code')['ward_name'])\n"
        "share = share.sort_values()\n"
        "fig, ax = plt.subplots()\n"
        "ax.barh(share.index, share.values)\n"
        "ax.set(title='Manchester wards: most deprived areas', xlabel='% of areas')\n"
        "answer_q8 = ax",
        # the ten most deprived wards of all Greater Manchester, not one council's wards
        "deprived = lsoas['population'].where(lsoas['imd_decile'] == 1, 0).groupby(lsoas['ward_code']).sum()\n"
        "share = deprived / lsoas.groupby('ward_code')['population'].sum() * 100\n"
        "share.index = share.index.map(wards.set_index('ward_code')['ward_name'])\n"
        "top = share.sort_values().tail(10)\n"
        "fig, ax = plt.subplots()\n"
        "ax.barh(top.index, top.values)\n"
        "ax.set(title='Greater Manchester: the ten most deprived wards', xlabel='% of residents')\n"
        "answer_q8 = ax",
        # the right bars, but the title does not say which council
        "own = lsoas[lsoas['council_code'] == 'E08000001']\n"
        "deprived = own['population'].where(own['imd_decile'] == 1, 0).groupby(own['ward_code']).sum()\n"
        "share = deprived / own.groupby('ward_code')['population'].sum() * 100\n"
        "share.index = share.index.map(wards.set_index('ward_code')['ward_name'])\n"
        "share = share.sort_values()\n"
        "fig, ax = plt.subplots()\n"
        "ax.barh(share.index, share.values)\n"
        "ax.set(title='Residents in the most deprived areas, by ward', xlabel='% of residents')\n"
        "answer_q8 = ax",
        # largest first as it is, so barh puts it at the bottom
        "own = lsoas[lsoas['council_code'] == 'E08000005']\n"
        "deprived = own['population'].where(own['imd_decile'] == 1, 0).groupby(own['ward_code']).sum()\n"
        "share = deprived / own.groupby('ward_code')['population'].sum() * 100\n"
        "share.index = share.index.map(wards.set_index('ward_code')['ward_name'])\n"
        "share = share.sort_values(ascending=False)\n"
        "fig, ax = plt.subplots()\n"
        "ax.barh(share.index, share.values)\n"
        "ax.set(title='Rochdale: residents in decile-1 areas, by ward', xlabel='% of residents')\n"
        "answer_q8 = ax",
    ],
}
