"""Right and wrong answers to m07's questions, which `academy validate` judges (the learner chooses the features
and k, so right answers differ in choice as well as method; wrong ones in whose records, what was clustered,
counted or named)."""

#: exercise -> answer-cell code a learner might write that must PASS (another method, column order,
#: dtype, index, another defensible choice...). At least 2 per exercise, genuinely different
#: from the published solution and from each other.
RIGHT = {
    "q1": [
        # == True, and a copy
        "answer_q1 = claimants[claimants['research_consent'] == True].copy()",
        # query, with the index reset
        "answer_q1 = claimants.query('research_consent').reset_index(drop=True)",
        # loc with the mask
        "answer_q1 = claimants.loc[claimants.research_consent]",
    ],
    "q2": [
        # another choice: no age (it is a protected characteristic too), depression as 0/1, renamed
        "answer_q2 = pd.DataFrame({'pay': answer_q1['weekly_pay'],\n"
        "                          'physical': answer_q1['physical_functioning'],\n"
        "                          'mental': answer_q1['mental_health_score'],\n"
        "                          'depressed': answer_q1['clinical_depression'].astype(int)})",
        # all four measures and depression, built with assign, the columns in another order
        "answer_q2 = answer_q1[['mental_health_score', 'physical_functioning', 'weekly_pay', 'age']].assign(\n"
        "    clinical_depression=answer_q1['clinical_depression'].astype(float))",
        # months claiming too (question 4's silhouette judges whether it helps)
        "answer_q2 = answer_q1[['age', 'weekly_pay', 'physical_functioning', 'mental_health_score',\n"
        "                      'months_claiming']]",
        # from the whole table, dropping what must not or cannot be used
        "answer_q2 = answer_q1.drop(columns=['claimant_id', 'lsoa_code', 'sex', 'marital_status',\n"
        "                                    'months_claiming', 'distance_to_jobcentre_m', 'research_consent',\n"
        "                                    'clinical_depression'])",
    ],
    "q3": [
        # sklearn's scaler: a NumPy array, population standard deviation (ddof=0)
        "from sklearn.preprocessing import StandardScaler\n"
        "answer_q3 = StandardScaler().fit_transform(answer_q2)",
        # column by column, with ddof=0
        "answer_q3 = answer_q2.apply(lambda column: (column - column.mean()) / column.std(ddof=0))",
        # scipy's z-scores column by column, the columns in another order (a labelled table)
        "from scipy.stats import zscore\n"
        "answer_q3 = answer_q2[sorted(answer_q2.columns)].apply(zscore)",
    ],
    "q4": [
        # another seed, the fitted model's labels_
        "model = KMeans(n_clusters=3, n_init=10, random_state=42).fit(answer_q3)\n"
        "answer_q4 = model.labels_",
        # k = 2: its silhouette is within 0.05 of the best on these features, a defensible choice
        "answer_q4 = KMeans(n_clusters=2, n_init=10, random_state=0).fit_predict(answer_q3)",
        # a dict of silhouettes, the best k taken from it, labels as letters in a Series
        "scores = {}\n"
        "for k in range(2, 7):\n"
        "    labels = KMeans(n_clusters=k, n_init=10, random_state=0).fit_predict(answer_q3)\n"
        "    scores[k] = silhouette_score(answer_q3, labels)\n"
        "best = max(scores, key=scores.get)\n"
        "labels = KMeans(n_clusters=best, n_init=10, random_state=0).fit_predict(answer_q3)\n"
        "answer_q4 = pd.Series(labels, index=answer_q1.index).map(lambda label: 'ABCDEF'[label])",
    ],
    "q5": [
        "answer_q5 = pd.Series(answer_q4).value_counts().sort_index()",
        "answer_q5 = answer_q1.groupby(answer_q4).size()",
        "import numpy as np\n"
        "answer_q5 = pd.Series(np.bincount(answer_q4))",
    ],
    "q6": [
        # oldest cluster, most depressed cluster, and the one left over
        "profile = answer_q1[['age', 'clinical_depression']].groupby(answer_q4).mean()\n"
        "older = profile['age'].idxmax()\n"
        "low_mood = profile['clinical_depression'].idxmax()\n"
        "(rest,) = [c for c in profile.index if c not in (older, low_mood)]\n"
        "answer_q6 = {older: 'older_higher_pay', low_mood: 'poor_mental_health', rest: 'poor_physical_health'}",
        # a Series labelled by cluster
        "profile = answer_q1.groupby(answer_q4)[['weekly_pay', 'mental_health_score', 'physical_functioning']].mean()\n"
        "answer_q6 = pd.Series({profile['weekly_pay'].idxmax(): 'older_higher_pay',\n"
        "                       profile['mental_health_score'].idxmin(): 'poor_mental_health',\n"
        "                       profile['physical_functioning'].idxmin(): 'poor_physical_health'})",
    ],
    "q7": [
        # percentages from crosstabs
        "men = pd.crosstab(answer_q4, answer_q1['sex'], normalize='index')['Male'] * 100\n"
        "married = pd.crosstab(answer_q4, answer_q1['marital_status'], normalize='index')['Married'] * 100\n"
        "answer_q7 = pd.DataFrame({'male': men, 'married': married})",
        # 0/1 columns added, then a groupby mean, the columns named otherwise
        "answer_q7 = (answer_q1.assign(share_male=(answer_q1['sex'] == 'Male').astype(int),\n"
        "                              share_married=(answer_q1['marital_status'] == 'Married').astype(int))\n"
        "             .groupby(answer_q4)[['share_married', 'share_male']].mean())",
    ],
}

#: exercise -> answer-cell code with the mistakes learners really make, which must FAIL. At least 2
#: per exercise. The FIRST entry of an exercise is what generated test submissions use.
WRONG = {
    "q1": [
        # everyone: consent ignored
        "answer_q1 = claimants",
        # the ones who said no
        "answer_q1 = claimants[~claimants['research_consent']]",
        # the True/False column itself, not the rows it picks
        "answer_q1 = claimants['research_consent']",
    ],
    "q2": [
        # sex and marital status as 0/1 features: protected characteristics
        "answer_q2 = answer_q1[['age', 'weekly_pay', 'physical_functioning', 'mental_health_score']].assign(\n"
        "    married=(answer_q1['marital_status'] == 'Married').astype(int),\n"
        "    male=(answer_q1['sex'] == 'Male').astype(int))",
        # the category codes of sex: still sex
        "answer_q2 = answer_q1[['age', 'weekly_pay', 'mental_health_score']].assign(\n"
        "    female=answer_q1['sex'].cat.codes)",
        # the identifier kept
        "answer_q2 = answer_q1[['claimant_id', 'age', 'weekly_pay', 'physical_functioning']]",
        # everyone's rows, not only those who agreed
        "answer_q2 = claimants[['age', 'weekly_pay', 'physical_functioning', 'mental_health_score']]",
        # only two features
        "answer_q2 = answer_q1[['weekly_pay', 'mental_health_score']]",
    ],
    "q3": [
        # centred but not divided by the standard deviation
        "answer_q3 = answer_q2 - answer_q2.mean()",
        # min-max scaling: 0 to 1, not mean 0 and standard deviation 1
        "answer_q3 = (answer_q2 - answer_q2.min()) / (answer_q2.max() - answer_q2.min())",
        # divided by the variance
        "answer_q3 = (answer_q2 - answer_q2.mean()) / answer_q2.var()",
        # scaled each claimant's row instead of each column
        "answer_q3 = answer_q2.sub(answer_q2.mean(axis=1), axis=0).div(answer_q2.std(axis=1), axis=0)",
        # not scaled at all
        "answer_q3 = answer_q2.astype(float)",
    ],
    "q4": [
        # clustered the raw features: pay in pounds decides everything
        "answer_q4 = KMeans(n_clusters=3, n_init=10, random_state=0).fit_predict(answer_q2)",
        # k = 6 without comparing: its silhouette is far below the best
        "answer_q4 = KMeans(n_clusters=6, n_init=10, random_state=0).fit_predict(answer_q3)",
        # the model itself, not its labels
        "answer_q4 = KMeans(n_clusters=3, n_init=10, random_state=0).fit(answer_q3)",
        # the centres, one per cluster, not a label per claimant
        "answer_q4 = KMeans(n_clusters=3, n_init=10, random_state=0).fit(answer_q3).cluster_centers_",
        # the silhouette score instead of the labels
        "labels = KMeans(n_clusters=3, n_init=10, random_state=0).fit_predict(answer_q3)\n"
        "answer_q4 = silhouette_score(answer_q3, labels)",
    ],
    "q5": [
        "answer_q5 = pd.Series(answer_q4).value_counts(normalize=True)",
        # percentages
        "answer_q5 = pd.Series(answer_q4).value_counts() / len(answer_q4) * 100",
        # count() on the whole table: a count per column, a DataFrame
        "answer_q5 = answer_q1.groupby(answer_q4).count()",
    ],
    "q6": [
        # read a high mental health score as poor mental health, and named the rest by pay: two names swapped
        "profile = answer_q1[['weekly_pay', 'mental_health_score']].groupby(answer_q4).mean()\n"
        "happiest = profile['mental_health_score'].idxmax()\n"
        "lowest_pay = profile['weekly_pay'].idxmin()\n"
        "(rest,) = [c for c in profile.index if c not in (happiest, lowest_pay)]\n"
        "answer_q6 = {happiest: 'poor_mental_health', lowest_pay: 'poor_physical_health', rest: 'older_higher_pay'}",
        # read a high mental health score as poor mental health: two clusters get the same key, one none
        "profile = answer_q1[['weekly_pay', 'mental_health_score', 'physical_functioning']].groupby(answer_q4).mean()\n"
        "answer_q6 = {profile['weekly_pay'].idxmax(): 'older_higher_pay',\n"
        "             profile['mental_health_score'].idxmax(): 'poor_mental_health',\n"
        "             profile['physical_functioning'].idxmin(): 'poor_physical_health'}",
        # the names of each claimant, not of each cluster
        "answer_q6 = pd.Series(answer_q4).map({0: 'older_higher_pay', 1: 'poor_mental_health',\n"
        "                                      2: 'poor_physical_health'})",
        # a name that is not one of the three
        "answer_q6 = {0: 'older', 1: 'depressed', 2: 'married men'}",
        # every cluster given the same name
        "answer_q6 = {label: 'poor_mental_health' for label in set(answer_q4)}",
    ],
    "q7": [
        # counts of men and married people, not shares
        "answer_q7 = pd.DataFrame({'male': (answer_q1['sex'] == 'Male').groupby(answer_q4).sum(),\n"
        "                          'married': (answer_q1['marital_status'] == 'Married').groupby(answer_q4).sum()})",
        # the share of women and of unmarried people, under the asked-for names
        "answer_q7 = pd.DataFrame({'male': (answer_q1['sex'] == 'Female').groupby(answer_q4).mean(),\n"
        "                          'married': (answer_q1['marital_status'] == 'Unmarried').groupby(answer_q4).mean()})",
        # shares of the whole table, not within each cluster
        "answer_q7 = pd.DataFrame({'male': (answer_q1['sex'] == 'Male').groupby(answer_q4).sum() / len(answer_q1),\n"
        "                          'married': (answer_q1['marital_status'] == 'Married').groupby(answer_q4).sum()\n"
        "                          / len(answer_q1)})",
    ],
}

#: The exercises whose first WRONG entry generated submissions use: only question 5's, since every
#: other answer feeds a later question.
SUBMISSION_MISTAKES = ("q5",)
