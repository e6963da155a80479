/** Attribute definitions shared by several models: one place for each column rule. */
import { DataTypes, type ModelAttributeColumnOptions, type Model } from 'sequelize';

/**
 * A TEXT column the database keeps lower-case (CHECK col = lower(col)): emails and domains.
 * Input is trimmed and lower-cased so a form never trips the CHECK; '' becomes NULL where allowed.
 */
export function lowerCaseText(column: string, allowNull: boolean): ModelAttributeColumnOptions<Model> {
  return {
    type: DataTypes.TEXT,
    allowNull,
    set(this: Model, value: unknown) {
      const text = typeof value === 'string' ? value.trim().toLowerCase() : value;
      this.setDataValue(column, allowNull && text === '' ? null : text);
    },
  };
}
