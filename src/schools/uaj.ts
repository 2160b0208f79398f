/** A school's UAJ (also called UAI): 7 digits and a letter, e.g. 0860001A; typed in either case. */
export const UAJ_PATTERN = /^\d{7}[A-Z]$/i;
