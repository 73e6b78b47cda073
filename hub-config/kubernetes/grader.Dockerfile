# image: council-data-academy/grader
# The grading workers (grader.yaml): the learner image, so that graded kernels have exactly the Python and
# libraries learners' servers have, plus what grading reads from the course (its nbgrader config, curriculum,
# sources and checks) at /srv/course, with the gradebook in PostgreSQL. Instructor material: this image is
# never a learner's server, and it holds no gradebook, no grader secret and nobody's work.
# Build from the repository root, after the learner image (and again whenever the course changes):
#   docker build -f hub-config/kubernetes/grader.Dockerfile -t council-data-academy/grader:0.1.0 .
# A gradebook other than postgresql.yaml's: --build-arg GRADEBOOK_URL=postgresql://<user>@<host>:5432/<database>
# (no password here: the pod gives it as PGPASSWORD).
FROM council-data-academy/learner:0.1.0

USER root
ARG GRADEBOOK_URL=postgresql://academy_grader@academy-postgresql:5432/academy_gradebook
COPY courses/accelerator/nbgrader_config.py courses/accelerator/curriculum.toml /srv/course/
COPY courses/accelerator/source /srv/course/source
COPY courses/accelerator/modules /srv/course/modules
# The formgrader's gradebook (README.md, step 4), so that every worker records in the same one. The files keep
# their modes: a kernel reads the data files beside a source notebook (mounted into its work folder), and the
# sandbox hides the rest of /srv/course from it.
RUN printf '\n# grader.Dockerfile: the gradebook all grading workers and the formgrader share.\n' \
        >> /srv/course/nbgrader_config.py \
    && printf 'c.CourseDirectory.db_url = "%s"\n' "$GRADEBOOK_URL" >> /srv/course/nbgrader_config.py
WORKDIR /srv/course
CMD ["python", "-m", "academy.grading.on_submit"]
