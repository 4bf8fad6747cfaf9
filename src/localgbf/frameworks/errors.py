from __future__ import annotations


class FrameworkDataError(ValueError):
    """A framework data file is malformed or refers to a record that does not exist.

    The message always names the file and, where there is one, the record.
    """

    def __init__(self, file: str, problem: str, record: str | None = None) -> None:
        self.file = file
        self.record = record
        self.problem = problem
        where = f"{file}, record {record}" if record else file
        super().__init__(f"{where}: {problem}")
