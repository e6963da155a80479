import {
  DataTypes,
  Model,
  type CreationOptional,
  type InferAttributes,
  type InferCreationAttributes,
  type Sequelize,
} from 'sequelize';

/** Tables a CSV import may write (TEXT + CHECK in the database). */
export const DATA_IMPORT_RESOURCES = ['contacts', 'accounts', 'leads', 'deals', 'job_postings', 'candidate_profiles'] as const;
export type DataImportResource = (typeof DATA_IMPORT_RESOURCES)[number];

export const DATA_IMPORT_STATUSES = ['queued', 'running', 'completed', 'failed'] as const;
export type DataImportStatus = (typeof DATA_IMPORT_STATUSES)[number];

/** How many problems `errors` keeps (a CHECK in the database); error_count stays exact. */
export const DATA_IMPORT_ERROR_LIMIT = 1000;

/** One problem of one CSV row: `row` is the 1-based line of the file where the record starts. */
export interface DataImportError {
  row: number;
  field: string | null;
  message: string;
}

/** A CSV import started from the panel and run by the `csv-import` job (product bookkeeping). */
export class DataImport extends Model<InferAttributes<DataImport>, InferCreationAttributes<DataImport>> {
  declare id: CreationOptional<string>;
  declare workspace_id: string;
  declare user_id: CreationOptional<string | null>;
  declare resource: DataImportResource;
  declare file_name: string;
  declare status: CreationOptional<DataImportStatus>;
  declare mapping: Record<string, string>;
  declare options: CreationOptional<Record<string, unknown>>;
  /** Not loaded by default (defaultScope): only the job reads the file. */
  declare csv: Buffer;
  declare total_rows: CreationOptional<number>;
  declare processed_rows: CreationOptional<number>;
  declare created_count: CreationOptional<number>;
  declare updated_count: CreationOptional<number>;
  declare error_count: CreationOptional<number>;
  declare errors: CreationOptional<DataImportError[]>;
  declare failure_reason: CreationOptional<string | null>;
  declare started_at: CreationOptional<Date | null>;
  declare finished_at: CreationOptional<Date | null>;
  /** The error list as text lines, for the panel's show page. */
  declare error_report: CreationOptional<string>;
  declare created_at: CreationOptional<Date>;
  declare updated_at: CreationOptional<Date>;
}

/** "line 4, email: must be ..." per problem, and a last line when the list was capped. */
export function formatImportErrors(errors: DataImportError[] | null | undefined, errorCount = 0): string {
  const list = errors ?? [];
  const lines = list.map((e) => `line ${e.row}${e.field ? `, ${e.field}` : ''}: ${e.message}`);
  const rowsListed = new Set(list.map((e) => e.row)).size;
  if (errorCount > rowsListed) lines.push(`… ${errorCount - rowsListed} more rejected row(s) not listed`);
  return lines.join('\n');
}

export function initDataImport(sequelize: Sequelize): typeof DataImport {
  DataImport.init(
    {
      id: { type: DataTypes.UUID, primaryKey: true, defaultValue: DataTypes.UUIDV4 },
      workspace_id: { type: DataTypes.UUID, allowNull: false },
      user_id: { type: DataTypes.UUID, allowNull: true },
      resource: { type: DataTypes.TEXT, allowNull: false, validate: { isIn: [[...DATA_IMPORT_RESOURCES]] } },
      file_name: { type: DataTypes.TEXT, allowNull: false },
      status: { type: DataTypes.TEXT, allowNull: false, defaultValue: 'queued', validate: { isIn: [[...DATA_IMPORT_STATUSES]] } },
      mapping: { type: DataTypes.JSONB, allowNull: false },
      options: { type: DataTypes.JSONB, allowNull: false, defaultValue: {} },
      csv: { type: DataTypes.BLOB, allowNull: false },
      total_rows: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0, validate: { min: 0 } },
      processed_rows: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0, validate: { min: 0 } },
      created_count: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0, validate: { min: 0 } },
      updated_count: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0, validate: { min: 0 } },
      error_count: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0, validate: { min: 0 } },
      errors: { type: DataTypes.JSONB, allowNull: false, defaultValue: [] },
      failure_reason: { type: DataTypes.TEXT, allowNull: true },
      started_at: { type: DataTypes.DATE, allowNull: true },
      finished_at: { type: DataTypes.DATE, allowNull: true },
      error_report: {
        type: DataTypes.VIRTUAL(DataTypes.TEXT, ['errors', 'error_count']),
        get(this: DataImport): string {
          return formatImportErrors(this.getDataValue('errors'), this.getDataValue('error_count'));
        },
      },
      created_at: { type: DataTypes.DATE, allowNull: false, defaultValue: DataTypes.NOW },
      updated_at: { type: DataTypes.DATE, allowNull: false, defaultValue: DataTypes.NOW },
    },
    {
      sequelize,
      tableName: 'data_imports',
      createdAt: 'created_at',
      updatedAt: 'updated_at',
      // The file can be tens of megabytes: lists and shows never load it.
      defaultScope: { attributes: { exclude: ['csv'] } },
    },
  );
  return DataImport;
}
