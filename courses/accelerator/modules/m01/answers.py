"""Right and wrong answers to m01's questions, which `academy validate` judges (right ones use another formula,
the charges table or a spreadsheet-style count; wrong ones the slips of staff new to Python)."""

#: exercise -> answer-cell code a learner might write that must PASS (another method, column order,
#: dtype, index, rounding the question allows...). At least 2 per exercise, genuinely different
#: from the published solution and from each other.
RIGHT = {
    "q1": [
        # the fraction simplified to two thirds, divided first
        "answer_q1 = round(band_d / 3 * 2, 2)",
        # looked up in the council's own charges table instead of worked out
        "answer_q1 = band_charges.loc[band_charges['band'] == 'A', 'charge'].iloc[0]",
        # rounded through text formatting, as a spreadsheet's number format would
        "answer_q1 = float(f'{band_d * 6 / 9:.2f}')",
    ],
    "q2": [
        # straight from the charges table: band column to charge column
        "answer_q2 = dict(zip(band_charges['band'], band_charges['charge']))",
        # the table indexed by band, then turned into a dictionary
        "answer_q2 = band_charges.set_index('band')['charge'].to_dict()",
        # a loop filling an empty dictionary, two lists side by side
        "answer_q2 = {}\n"
        "for band, n in zip(['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H'], [6, 7, 8, 9, 11, 13, 15, 18]):\n"
        "    answer_q2[band] = round(n * band_d / 9, 2)",
    ],
    "q3": [
        # a count per group: the band column is a category, so every band appears in order
        "answer_q3 = properties.groupby('band', observed=False).size()",
        # COUNTIF band by band, as in a spreadsheet
        "answer_q3 = pd.Series({band: (properties['band'] == band).sum() for band in 'ABCDEFGH'})",
        # value_counts put in order by listing the bands
        "answer_q3 = properties['band'].value_counts().reindex(['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H'])",
    ],
    "q4": [
        # unrounded charges (band D times the ninths), which question 2's check also accepts
        "answer_q4 = sum(answer_q3[band] * band_d * n / 9 for band, n in ninths_of.items())",
        # a loop adding up a running total, as a spreadsheet's running-total column would
        "total = 0\n"
        "for band in answer_q2:\n"
        "    total = total + answer_q2[band] * answer_q3[band]\n"
        "answer_q4 = total",
        # band by band with a generator inside sum(), as SUMPRODUCT does
        "answer_q4 = sum(answer_q3[band] * answer_q2[band] for band in answer_q2)",
        # each home's own charge looked up from the table, then added up, rounded to pennies
        "answer_q4 = round(properties.merge(band_charges[['band', 'charge']], on='band')['charge'].sum(), 2)",
    ],
    "q5": [
        # matplotlib's own bar(), labels set in one go with ax.set
        "fig, ax = plt.subplots()\n"
        "ax.bar([str(band) for band in answer_q3.index], answer_q3.to_numpy())\n"
        "ax.set(title='Homes in each band', xlabel='Council-tax band', ylabel='Number of homes')\n"
        "answer_q5 = ax",
        # horizontal bars, A at the top, and the figure handed in rather than the axes
        "fig, ax = plt.subplots()\n"
        "answer_q3.plot.barh(ax=ax)\n"
        "ax.invert_yaxis()\n"
        "ax.set_title('Homes by band')\n"
        "ax.set_xlabel('Number of homes')\n"
        "ax.set_ylabel('Band')\n"
        "answer_q5 = fig",
        # the choice of percentages: upright bars, the axis says so
        "fig, ax = plt.subplots()\n"
        "(answer_q3 / answer_q3.sum() * 100).plot.bar(ax=ax)\n"
        "ax.set_title('Share of homes in each council-tax band')\n"
        "ax.set_xlabel('Band')\n"
        "ax.set_ylabel('% of homes')\n"
        "answer_q5 = ax",
        # horizontal bars as pandas draws them (A at the bottom), shares as fractions of one
        "fig, ax = plt.subplots()\n"
        "(answer_q3 / len(properties)).plot.barh(ax=ax, title='How the homes are spread across the bands')\n"
        "ax.set_xlabel('Share of all homes')\n"
        "ax.set_ylabel('Council-tax band')\n"
        "answer_q5 = ax",
        # pandas draws it on a chart of its own, title and labels given as arguments
        "answer_q5 = answer_q3.plot(kind='bar', title='Council-tax base by band', xlabel='Band',\n"
        "                           ylabel='Homes')",
    ],
}

#: exercise -> answer-cell code with the mistakes learners really make, which must FAIL. At least 2
#: per exercise. The FIRST entry of an exercise is what generated test submissions use.
WRONG = {
    "q1": [
        # the fraction upside down: 9/6 of band D is more than band D
        "answer_q1 = round(band_d * 9 / 6, 2)",
        # forgot the 2 in round(): rounded to whole pounds, not pennies
        "answer_q1 = round(band_d * 6 / 9)",
        # formatted as currency text, as a spreadsheet would show it
        "answer_q1 = f'£{band_d * 6 / 9:,.2f}'",
        # the table's row filtered but the number not taken out of it
        "answer_q1 = band_charges[band_charges['band'] == 'A']['charge']",
    ],
    "q2": [
        # assumed the ninths go up by one each band: E 10, F 11, G 12, H 13
        "answer_q2 = {band: round(band_d * n / 9, 2) for band, n in zip('ABCDEFGH', range(6, 14))}",
        # the ninths themselves, never multiplied by band D
        "answer_q2 = {'A': 6 / 9, 'B': 7 / 9, 'C': 8 / 9, 'D': 9 / 9, 'E': 11 / 9, 'F': 13 / 9,\n"
        "             'G': 15 / 9, 'H': 18 / 9}",
        # rounded to whole pounds
        "ninths = {'A': 6, 'B': 7, 'C': 8, 'D': 9, 'E': 11, 'F': 13, 'G': 15, 'H': 18}\n"
        "answer_q2 = {band: round(band_d * n / 9) for band, n in ninths.items()}",
        # every fraction upside down
        "ninths = {'A': 6, 'B': 7, 'C': 8, 'D': 9, 'E': 11, 'F': 13, 'G': 15, 'H': 18}\n"
        "answer_q2 = {band: round(band_d * 9 / n, 2) for band, n in ninths.items()}",
    ],
    "q3": [
        # COUNT, not COUNTIF: the number of homes altogether
        "answer_q3 = properties['band'].count()",
        # count() on the whole table: a count per column, a table, not one count per band
        "answer_q3 = properties.groupby('band', observed=False).count()",
        # shares of homes, not numbers of homes
        "answer_q3 = properties['band'].value_counts(normalize=True).sort_index()",
    ],
    "q4": [
        # every home charged the band D rate
        "answer_q4 = len(properties) * band_d",
        # the eight charges added up once each
        "answer_q4 = sum(answer_q2.values())",
        # the average of the eight charges times the number of homes
        "answer_q4 = answer_q3.sum() * sum(answer_q2.values()) / len(answer_q2)",
        # took a quarter off for single people, though the question is before any discounts
        "charge = properties['band'].astype(str).map(answer_q2)\n"
        "answer_q4 = charge.where(~properties['single_person_discount'], charge * 0.75).sum()",
        # multiplied band by band but never added up
        "answer_q4 = answer_q3 * pd.Series(answer_q2)",
    ],
    "q5": [
        # no title
        "fig, ax = plt.subplots()\n"
        "answer_q3.plot.bar(ax=ax)\n"
        "ax.set_xlabel('Band')\n"
        "ax.set_ylabel('Number of homes')\n"
        "answer_q5 = ax",
        # sort_values instead of sort_index: the bars from fewest homes to most, not A to H
        "fig, ax = plt.subplots()\n"
        "answer_q3.sort_values().plot.bar(ax=ax)\n"
        "ax.set_title('Homes by council-tax band')\n"
        "ax.set_xlabel('Band')\n"
        "ax.set_ylabel('Number of homes')\n"
        "answer_q5 = ax",
        # the charges drawn instead of the numbers of homes
        "fig, ax = plt.subplots()\n"
        "pd.Series(answer_q2).plot.bar(ax=ax)\n"
        "ax.set_title('Council tax by band')\n"
        "ax.set_xlabel('Band')\n"
        "ax.set_ylabel('Charge (£)')\n"
        "answer_q5 = ax",
        # a pie chart, not a bar chart
        "fig, ax = plt.subplots()\n"
        "answer_q3.plot.pie(ax=ax)\n"
        "ax.set_title('Homes by council-tax band')\n"
        "ax.set_ylabel('Number of homes')\n"
        "answer_q5 = ax",
        # only the horizontal axis labelled
        "answer_q5 = answer_q3.plot.bar(title='Homes by council-tax band', xlabel='Band')",
        # percentages drawn, but the axis still says numbers of homes
        "fig, ax = plt.subplots()\n"
        "(answer_q3 / answer_q3.sum() * 100).plot.bar(ax=ax)\n"
        "ax.set_title('Homes by council-tax band')\n"
        "ax.set_xlabel('Band')\n"
        "ax.set_ylabel('Number of homes')\n"
        "answer_q5 = ax",
        # the counts in value_counts' order, here the least common band first, not A to H (the most common
        # first can happen to be A to H where each band has fewer homes than the one before)
        "fig, ax = plt.subplots()\n"
        "properties['band'].value_counts(ascending=True).plot.bar(ax=ax)\n"
        "ax.set_title('Homes by council-tax band')\n"
        "ax.set_xlabel('Band')\n"
        "ax.set_ylabel('Number of homes')\n"
        "answer_q5 = ax",
    ],
}

#: The exercises whose first WRONG entry generated submissions use: question 1's answer is not used again,
#: and questions 4 and 5 come last; questions 2 and 3 feed question 4 (and 3 feeds 5), whose marks would
#: then depend on the data.
SUBMISSION_MISTAKES = ("q1", "q4", "q5")
