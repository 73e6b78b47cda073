"""Right and wrong answers to c03's questions, which `academy validate` judges (right ones count and draw
other ways; wrong ones count the wrong column, give shares, leave the bars unsorted or the axes unlabelled)."""

RIGHT = {
    "q1": [
        # a pivot-table style count per group
        "answer_q1 = requests.groupby('request_type', observed=True).size()",
        # in alphabetical order, labels as plain text
        "counts = requests['request_type'].value_counts().sort_index()\n"
        "answer_q1 = counts.set_axis(counts.index.astype(str))",
        # counting a column that is never empty, per type
        "answer_q1 = requests.groupby('request_type', observed=True)['request_id'].count()",
    ],
    "q2": [
        # horizontal, largest at the top, as in the example
        "fig, ax = plt.subplots()\n"
        "requests['request_type'].value_counts().sort_values().plot.barh(ax=ax)\n"
        "ax.set_title('Requests by type')\n"
        "ax.set_xlabel('Number of requests')\n"
        "ax.set_ylabel('Type of request')\n"
        "answer_q2 = ax",
        # matplotlib's own bar(), from a sorted Series
        "counts = requests['request_type'].value_counts().sort_values(ascending=False)\n"
        "fig, ax = plt.subplots(figsize=(8, 4))\n"
        "ax.bar(counts.index.astype(str), counts.values)\n"
        "ax.set_title('Street-scene requests, April 2023 to March 2025')\n"
        "ax.set_ylabel('Requests')\n"
        "ax.set_xlabel('What was reported')\n"
        "answer_q2 = ax",
        # percentages, said so on the axis; the labels given to .plot itself
        "shares = requests['request_type'].value_counts(normalize=True) * 100\n"
        "ax = shares.plot(kind='bar', title='Share of requests by type', xlabel='Request type',\n"
        "                 ylabel='Percentage of all requests')\n"
        "answer_q2 = ax",
    ],
}

WRONG = {
    "q1": [
        # the example's column
        "answer_q1 = requests['channel'].value_counts()",
        # shares
        "answer_q1 = requests['request_type'].value_counts(normalize=True)",
        # open or closed
        "answer_q1 = requests['status'].value_counts()",
    ],
    "q2": [
        # no labels at all
        "fig, ax = plt.subplots()\n"
        "answer_q1.plot.bar(ax=ax)\n"
        "answer_q2 = ax",
        # alphabetical order, not order of size
        "fig, ax = plt.subplots()\n"
        "answer_q1.sort_index().plot.bar(ax=ax)\n"
        "ax.set_title('Requests by type')\n"
        "ax.set_xlabel('Type of request')\n"
        "ax.set_ylabel('Number of requests')\n"
        "answer_q2 = ax",
        # a line chart
        "fig, ax = plt.subplots()\n"
        "answer_q1.plot(ax=ax)\n"
        "ax.set_title('Requests by type')\n"
        "ax.set_xlabel('Type of request')\n"
        "ax.set_ylabel('Number of requests')\n"
        "answer_q2 = ax",
        # the channels, copied from the example
        "fig, ax = plt.subplots()\n"
        "per_channel.plot.bar(ax=ax)\n"
        "ax.set_title('Requests by type')\n"
        "ax.set_xlabel('Type of request')\n"
        "ax.set_ylabel('Number of requests')\n"
        "answer_q2 = ax",
        # the value axis says percentage, but the bars are numbers of requests
        "fig, ax = plt.subplots()\n"
        "answer_q1.plot.bar(ax=ax)\n"
        "ax.set_title('Requests by type')\n"
        "ax.set_xlabel('Type of request')\n"
        "ax.set_ylabel('Percentage of requests')\n"
        "answer_q2 = ax",
    ],
}
