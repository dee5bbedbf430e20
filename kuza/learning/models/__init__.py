"""Learning models: courses and their content, quizzes, progress, and facilitated cohorts."""

from kuza.learning.models.cohorts import Announcement, Cohort, CohortSession
from kuza.learning.models.courses import (
    Course,
    Lesson,
    LessonImage,
    MediaLink,
    Module,
    Placeholder,
)
from kuza.learning.models.progress import Enrolment, LessonRead, QuizAttempt
from kuza.learning.models.quizzes import Option, Question, Quiz

__all__ = [
    "Announcement",
    "Cohort",
    "CohortSession",
    "Course",
    "Enrolment",
    "Lesson",
    "LessonImage",
    "LessonRead",
    "MediaLink",
    "Module",
    "Option",
    "Placeholder",
    "Question",
    "Quiz",
    "QuizAttempt",
]
