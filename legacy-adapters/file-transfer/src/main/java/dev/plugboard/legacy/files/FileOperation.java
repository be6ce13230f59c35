package dev.plugboard.legacy.files;

import dev.plugboard.sdk.TemplateProperty;

/** What the file transfer connector does. */
public enum FileOperation {
  /** Writes {@code content} to {@code path} (via a temporary name, then a rename). */
  @TemplateProperty(label = "Upload")
  UPLOAD,
  /** Reads {@code path}. */
  @TemplateProperty(label = "Download")
  DOWNLOAD,
  /** Lists the folder {@code path}. */
  @TemplateProperty(label = "List folder")
  LIST,
  /** Moves {@code path} to {@code targetPath} (another folder inside the root). */
  @TemplateProperty(label = "Move")
  MOVE,
  /** Renames {@code path} to {@code targetPath} in the same folder. */
  @TemplateProperty(label = "Rename")
  RENAME,
  /** Deletes the file {@code path}. */
  @TemplateProperty(label = "Delete")
  DELETE
}
