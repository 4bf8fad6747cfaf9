"""Species stores shared by several governments, filled once before the batch starts.

An import writes into its store (all or nothing, content-addressed); two workers importing
the same file into the same store at once would race for the same entry. So the files a
shared store must hold are imported here, in the batch's own process, before any task runs;
each task's own import then finds them present and changes nothing. A store used by a single
government is left to its task, which imports in parallel with the others.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path

from localgbf.assess import AssessError, Recipe, load_recipe
from localgbf.batch.errors import BatchError
from localgbf.batch.national import SharedSpecies
from localgbf.batch.tasks import RecipeTask


def import_into_store(store_dir: Path, occurrences: Iterable[Path], checklist: Path | None) -> None:
    """Import occurrence files and a checklist into a store (a no-op for files already there).

    Raises the species package's SpeciesDataError, naming the file, line and field.
    """
    from localgbf.species.checklists import import_checklist
    from localgbf.species.occurrences import import_occurrences
    from localgbf.species.store import open_store

    store = open_store(store_dir)
    for path in occurrences:
        import_occurrences(Path(path), store)
    if checklist is not None:
        import_checklist(Path(checklist), store)


def fill_national_store(store_dir: Path, shared: SharedSpecies, manifest: str) -> None:
    """The national manifest's shared species inputs, imported once into `store_dir`."""
    from localgbf.species.errors import SpeciesDataError

    try:
        import_into_store(store_dir, shared.occurrences, shared.checklist)
    except SpeciesDataError as exc:
        raise BatchError(manifest, f"a shared species input cannot be imported: {exc}") from exc


def fill_shared_stores(tasks: Iterable[RecipeTask]) -> dict[str, str]:
    """Import, once each, the species files of stores that several recipes name.

    Returns the governments whose shared store could not be filled, with the error; their
    tasks are not run (they would fail the same way). A recipe that cannot be read is left
    to its task, which records the problem.
    """
    from localgbf.species.errors import SpeciesDataError

    users: dict[Path, list[tuple[str, Recipe]]] = defaultdict(list)
    for task in tasks:
        try:
            recipe = load_recipe(task.recipe)
        except AssessError:
            continue
        if recipe.species is not None:
            users[Path(recipe.species.store).resolve()].append((task.code, recipe))
    failed: dict[str, str] = {}
    for store_dir, sharing in users.items():
        if len(sharing) < 2:
            continue
        files: dict[Path, None] = {}
        checklists: dict[Path, None] = {}
        for _code, recipe in sharing:
            assert recipe.species is not None
            files.update(dict.fromkeys(recipe.species.occurrences))
            if recipe.species.checklist is not None:
                checklists[recipe.species.checklist] = None
        try:
            import_into_store(store_dir, files, None)
            for checklist in checklists:
                import_into_store(store_dir, (), checklist)
        except SpeciesDataError as exc:
            message = f"the species store {store_dir} shared with other governments: {exc}"
            failed.update({code: message for code, _recipe in sharing})
    return failed
